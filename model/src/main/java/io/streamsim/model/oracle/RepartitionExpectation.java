package io.streamsim.model.oracle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a groupBy step's repartition topic must hold, derived from the input alone: per repartition partition,
 * how many copies of each event id (usually one; two when a duplicate passed dedup or there is no dedup), and
 * one watermark per input partition in every partition; and for each event id the input partition it came
 * from (the upstream task). The order of the records in a partition is not derived: it interleaves the
 * upstream tasks as timing decides.
 *
 * @param eventCopies           per repartition partition, event id to copies expected
 * @param watermarksPerPartition watermarks every repartition partition must hold (one per input partition)
 * @param sourcePartitions      event id to the input partition it was read from
 * @param placementKnown        whether the input decides each event's partition; not when the groupBy keys by an
 *                              attribute a processing-time join (GlobalKTable, unversioned KTable) stamped on it,
 *                              whose version depends on timing: then an event may be in any partition, and
 *                              {@code eventCopies} holds the predicted one only
 */
public record RepartitionExpectation(
        List<Map<Long, Integer>> eventCopies,
        long watermarksPerPartition,
        Map<Long, Integer> sourcePartitions,
        boolean placementKnown) {

    /** The input decides every event's partition. */
    public RepartitionExpectation(List<Map<Long, Integer>> eventCopies, long watermarksPerPartition,
                                  Map<Long, Integer> sourcePartitions) {
        this(eventCopies, watermarksPerPartition, sourcePartitions, true);
    }

    /** Events expected on the whole topic, watermarks excluded. */
    public long events() {
        long total = 0;
        for (Map<Long, Integer> partition : eventCopies) {
            for (int copies : partition.values()) {
                total += copies;
            }
        }
        return total;
    }

    /** The input partition {@code eventId} was read from, -1 when unknown. */
    public int sourcePartition(long eventId) {
        return sourcePartitions.getOrDefault(eventId, -1);
    }

    static final class Builder {

        private final List<Map<Long, Integer>> copies = new ArrayList<>();
        private final Map<Long, Integer> sources = new HashMap<>();
        private final boolean placementKnown;
        private long watermarks;

        Builder(int partitions) {
            this(partitions, true);
        }

        Builder(int partitions, boolean placementKnown) {
            this.placementKnown = placementKnown;
            for (int p = 0; p < partitions; p++) {
                copies.add(new HashMap<>());
            }
        }

        void addEvent(int partition, long id, int sourcePartition) {
            copies.get(partition).merge(id, 1, Integer::sum);
            sources.put(id, sourcePartition);
        }

        void addWatermark() {
            watermarks++;
        }

        /** A view over the builder's maps, not a copy: the maps are large; take it once reading is done. */
        RepartitionExpectation build() {
            return new RepartitionExpectation(copies, watermarks, sources, placementKnown);
        }
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.EnrichStep;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.TopologySpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Replays input records through the topology's steps under Kafka Streams 4.3.1's rules (see the package doc)
 * and accumulates what every window's final result must be. Feed each partition in offset order; partitions may
 * interleave, since state is kept per partition (one task each). Not thread-safe.
 *
 * <p>Mirrors the app's topology as well as Kafka: the record key (decoded as UTF-8, like the app's key serde)
 * is the aggregation key; the window step's {@link WindowModel} decides windows, late drops and results; windows
 * of {@link Watermark#KEY} are aggregated (they move stream time) but are not expected on the output; a
 * {@link Watermark} value adds nothing to its windows and, as in the app's own count, its late windows are not
 * counted as dropped.
 */
public final class WindowOracle {

    private static final long NO_OFFSET = -1;

    private final TopologySpec spec;
    private final WindowModel model;
    private final DedupModel dedup;
    private final EnrichModel enrich;
    private final GroupByModel groupBy;
    private final RepartitionExpectation.Builder routed;
    private final Map<Integer, long[]> lastOffsets = new HashMap<>();
    private long recordsRead;
    private long events;
    private long watermarks;
    private long poisonRecords;
    private long nullKeyOrValueRecords;
    private long droppedByEnrich;
    private long lateRecords;
    private long droppedLate;
    private final LatenessHistogram.Builder lateness =
            new LatenessHistogram.Builder(LatenessHistogram.DEFAULT_BOUNDS_SECONDS);

    /** An oracle that keeps totals only, no event ids. */
    public WindowOracle(TopologySpec spec) {
        this(spec, window -> false);
    }

    /**
     * @param traced the windows whose event ids to keep (aggregated and dropped), so that a comparison can
     *               name the event behind a wrong result; ids cost memory, so trace the suspicious few
     */
    public WindowOracle(TopologySpec spec, Predicate<WindowKey> traced) {
        this(spec, traced, 1);
    }

    /**
     * @param traced                the windows whose event ids to keep (see the two-argument constructor)
     * @param repartitionPartitions the partition count of a groupBy step's repartition topic (the input's by
     *                              default in the app; 1 under the TopologyTestDriver); ignored without groupBy
     */
    public WindowOracle(TopologySpec spec, Predicate<WindowKey> traced, int repartitionPartitions) {
        this(spec, traced, repartitionPartitions, null);
    }

    /**
     * @param reference the reference table's rows, every version, for an enrich step ({@link EnrichModel}); null
     *                  without one
     * @throws IllegalArgumentException when {@code spec} has an enrich step and {@code reference} is null
     */
    public WindowOracle(TopologySpec spec, Predicate<WindowKey> traced, int repartitionPartitions,
                        ReferenceHistory reference) {
        this(spec, traced, repartitionPartitions, reference, spec.groupBy().map(GroupByStep::salted).orElse(false));
    }

    /**
     * @param combineSubKeys whether record keys are a salted groupBy's sub-keys ({@code seller-00042#5}) whose
     *                       windows are combined per original key ({@link SaltedWindowModel}): true with a salted
     *                       groupBy, and for the window step replayed from a salted repartition topic
     */
    WindowOracle(TopologySpec spec, Predicate<WindowKey> traced, int repartitionPartitions, ReferenceHistory reference,
                 boolean combineSubKeys) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(traced, "traced");
        if (spec.enrich().isPresent() && reference == null) {
            throw new IllegalArgumentException("an enrich step needs the reference table's history");
        }
        this.model = combineSubKeys
                ? SaltedWindowModel.over(WindowModel.of(spec.windowStep(), SaltedWindowModel.subKeyTraced(traced)))
                : WindowModel.of(spec.windowStep(), traced);
        this.dedup = spec.dedup().map(DedupModel::new).orElse(null);
        this.enrich = spec.enrich().map(step -> new EnrichModel(step, reference)).orElse(null);
        this.groupBy = spec.groupBy().map(step -> new GroupByModel(step, repartitionPartitions)).orElse(null);
        this.routed = groupBy == null ? null : new RepartitionExpectation.Builder(repartitionPartitions,
                enrich == null || enrich.placementKnown(spec.groupBy(), ReferenceSchema.named(enrich.step().with())));
    }

    /**
     * Takes the next record of {@code partition}.
     *
     * @param key   the record key's bytes, null for none
     * @param value the record value's bytes, null for none
     * @throws IllegalArgumentException when {@code offset} is not above the partition's previous offset
     */
    public void accept(int partition, long offset, long timestampMs, byte[] key, byte[] value) {
        long[] lastOffset = lastOffsets.computeIfAbsent(partition, ignored -> new long[] {NO_OFFSET});
        if (offset <= lastOffset[0]) {
            throw new IllegalArgumentException("partition " + partition + ": offset " + offset
                    + " is not above the previous offset " + lastOffset[0] + "; feed each partition in offset order");
        }
        lastOffset[0] = offset;
        recordsRead++;
        Event event = null;
        if (value != null) {
            try {
                event = EventCodec.decode(value);
            } catch (RuntimeException e) {
                // Kafka hands any exception of the deserializer to the deserialization exception handler.
                poisonRecords++;
                return;
            }
        }
        if (key == null || event == null) {
            nullKeyOrValueRecords++;
            if (dedup != null) {
                dedup.observe(partition, timestampMs);
            }
            return;
        }
        if (dedup != null && !dedup.accept(partition, timestampMs, event)) {
            return;
        }
        if (enrich != null) {
            event = enrich.apply(event);
            if (event == null) {
                droppedByEnrich++;
                return;
            }
        }
        if (event instanceof Watermark) {
            watermarks++;
        } else {
            events++;
        }
        if (groupBy == null) {
            aggregate(partition, new String(key, StandardCharsets.UTF_8), timestampMs, event);
            return;
        }
        String newKey = groupBy.keyOf(event);
        int target = groupBy.partitionOf(newKey, event);
        if (target >= 0) {
            routed.addEvent(target, event.id(), partition);
            aggregate(target, newKey, timestampMs, event);
        } else {
            routed.addWatermark();
            for (int p = 0; p < groupBy.partitions(); p++) {
                aggregate(p, newKey, timestampMs, event);
            }
        }
    }

    /** The window step's task {@code task} takes a record (after the dedup and groupBy steps). */
    private void aggregate(int task, String key, long timestampMs, Event event) {
        int dropped = model.accept(task, timestampMs, key, event);
        if (event instanceof Watermark) {
            return;
        }
        lateness.add(model.streamTime(task) - timestampMs);
        if (dropped > 0) {
            lateRecords++;
            droppedLate += dropped;
        }
    }

    /**
     * Models the task of {@code partition} being created anew, after an app instance's restart or a
     * rebalance: Kafka 4.3.1 does not restore the window aggregation's stream time, so it starts again at -1
     * and records that were late before may be aggregated after. The oracle's default, never calling this,
     * is the uninterrupted run that exactly-once output must equal.
     */
    public void resetStreamTime(int partition) {
        model.resetStreamTime(partition);
    }

    /**
     * A record of the reference topic's partition {@code partition} was processed by that input partition's task:
     * with a shuffle join the KTable's source is in the same task as the stream, and Kafka 4.3.1's task stream time
     * (which the dedup step reads) is the largest timestamp of either topic. A broadcast join's GlobalKTable is read
     * by a thread of its own and moves no task's stream time. Where the two topics interleave is timing: the
     * TopologyTestDriver pipes them in a known order, a real run does not say.
     */
    public void observeTableRecord(int partition, long timestampMs) {
        if (dedup != null && enrich != null && enrich.step().join() == EnrichStep.Join.SHUFFLE) {
            dedup.observe(partition, timestampMs);
        }
    }

    /** Events the enrich step dropped so far: no row as of their time, under {@code onMissing: drop}. */
    public long droppedByEnrich() {
        return droppedByEnrich;
    }

    /** Records taken so far with at least one window dropped as too late. */
    public long lateRecords() {
        return lateRecords;
    }

    /** (record, window) pairs dropped as too late so far. */
    public long droppedLate() {
        return droppedLate;
    }

    /** The partition's stream time: the largest timestamp aggregated since the last reset, -1 for none. */
    public long streamTime(int partition) {
        return model.streamTime(partition);
    }

    /**
     * How late the events taken so far were, by their partition's stream time (see {@link LatenessHistogram});
     * watermarks and undecodable records are not counted. Stream time here is the oracle's, reset by
     * {@link #resetStreamTime}.
     */
    public LatenessHistogram latenessHistogram() {
        return lateness.build(LatenessHistogram.DEFAULT_BOUNDS_SECONDS);
    }

    /** A snapshot of what the output must hold given the records taken so far. */
    public Expectation result() {
        return new Expectation(model.windows(), model.traces(), recordsRead, events, watermarks,
                poisonRecords, nullKeyOrValueRecords, lateRecords, droppedLate);
    }

    /** The dedup step's counts so far; empty without a dedup step. */
    public Optional<DedupModel> dedup() {
        return Optional.ofNullable(dedup);
    }

    /**
     * What a groupBy step's repartition topic must hold given the records taken so far (one copy of every
     * routed event per partition, one watermark per input partition in each); empty without groupBy.
     */
    public Optional<RepartitionExpectation> repartition() {
        return routed == null ? Optional.empty() : Optional.of(routed.build());
    }

    /** The topology this oracle models. */
    public TopologySpec spec() {
        return spec;
    }
}

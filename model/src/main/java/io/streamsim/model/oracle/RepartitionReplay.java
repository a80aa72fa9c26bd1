package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The window step after a groupBy, replayed from the repartition topic itself: the order in which a window task
 * sees the records of all upstream tasks is the order they were written to its repartition partition, which
 * timing decides and the input alone cannot. Feed each repartition partition in offset order (read_committed).
 *
 * <p>Three things come out. (a) Against the {@link RepartitionExpectation} derived from the input: records
 * missing from the topic (e.g. dropped by a dedup store that ran ahead of the committed offsets under
 * at_least_once) and extra copies (e.g. at_least_once replay after a crash); extra copies are skipped, so that
 * (b) {@link #result()} is what an exactly-once run must have emitted given Kafka's real order: a run that
 * counted a copy shows it as counted twice. (c) Late drops that only the interleaving caused: each record is
 * also fed to a second model in a task of its own per (repartition partition, upstream partition), whose
 * stream time is the order-independent lower bound of the real one (the largest timestamp the same upstream
 * task wrote to the same partition so far); drops under the real order minus drops under that bound are
 * {@link #droppedLateByInterleaving()}. That bound holds for aligned windows only, whose late rule looks at each
 * record alone: a sliding window's or a session's contents and late rule depend on the other records of its key,
 * which a task per upstream partition would split, so for them (c) is not computed (-1).
 *
 * <p>When the expectation does not know each event's partition ({@link RepartitionExpectation#placementKnown()}: a
 * groupBy by an attribute of a processing-time join), (a) matches an event id in whichever partition it is found.
 *
 * <p>A salted groupBy's repartition topic holds sub-keys ({@code seller-00042#5}): the replay is then stage 1's,
 * per sub-key and window, and {@link #result()} combines the partials per original key (stage 2, which drops
 * nothing); late drops, and those due to interleaving only, are stage 1's.
 */
public final class RepartitionReplay {

    private final List<Map<Long, Integer>> remaining = new ArrayList<>();
    private final long[] watermarksRemaining;
    private final RepartitionExpectation expected;
    private final WindowOracle real;
    private final WindowOracle lowerBound;
    private final int upstreamPartitions;
    private long recordsRead;
    private long bytesRead;
    private long extraCopies;
    private long undecodable;

    /**
     * @param upstreamPartitions the input topic's partition count (the upstream tasks)
     * @param traced             windows whose event ids to keep
     */
    public RepartitionReplay(TopologySpec spec, RepartitionExpectation expected, int upstreamPartitions,
                             Predicate<WindowKey> traced) {
        this.expected = expected;
        this.upstreamPartitions = upstreamPartitions;
        TopologySpec windowOnly = spec.withSteps(List.of(spec.windowStep()));
        boolean salted = spec.groupBy().map(GroupByStep::salted).orElse(false);
        this.real = new WindowOracle(windowOnly, traced, 1, null, salted);
        this.lowerBound = spec.window() instanceof WindowSpec.Aligned
                ? new WindowOracle(windowOnly, window -> false, 1, null, salted) : null;
        if (expected.placementKnown()) {
            for (Map<Long, Integer> copies : expected.eventCopies()) {
                remaining.add(new HashMap<>(copies));
            }
        } else {
            // an event may be in any partition: one pool of expected copies, shared by all
            Map<Long, Integer> anywhere = new HashMap<>();
            for (Map<Long, Integer> copies : expected.eventCopies()) {
                copies.forEach((id, n) -> anywhere.merge(id, n, Integer::sum));
            }
            for (int p = 0; p < expected.eventCopies().size(); p++) {
                remaining.add(anywhere);
            }
        }
        watermarksRemaining = new long[expected.eventCopies().size()];
        Arrays.fill(watermarksRemaining, expected.watermarksPerPartition());
    }

    /** The next record of repartition partition {@code partition}; {@code key}, {@code value} as read. */
    public void accept(int partition, long offset, long timestampMs, byte[] key, byte[] value) {
        recordsRead++;
        bytesRead += (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        Event event;
        try {
            event = EventCodec.decode(value);
        } catch (RuntimeException e) {
            undecodable++;
            return;
        }
        if (event instanceof Watermark) {
            if (watermarksRemaining[partition] <= 0) {
                extraCopies++;
                return;
            }
            watermarksRemaining[partition]--;
            real.accept(partition, offset, timestampMs, key, value);
            return;
        }
        Map<Long, Integer> copies = remaining.get(partition);
        Integer left = copies.get(event.id());
        if (left == null || left == 0) {
            extraCopies++;
            return;
        }
        if (left == 1) {
            copies.remove(event.id());
        } else {
            copies.put(event.id(), left - 1);
        }
        real.accept(partition, offset, timestampMs, key, value);
        if (lowerBound == null) {
            return;
        }
        int source = Math.max(0, expected.sourcePartition(event.id()));
        lowerBound.accept(partition * upstreamPartitions + source, offset, timestampMs, key, value);
    }

    /** (b): what the output must hold given the real order, extra copies skipped. */
    public Expectation result() {
        return real.result();
    }

    public LatenessHistogram latenessHistogram() {
        return real.latenessHistogram();
    }

    public long recordsRead() {
        return recordsRead;
    }

    /** Key and value bytes of the records read (headers and record overhead excluded). */
    public long bytesRead() {
        return bytesRead;
    }

    public long recordsExpected() {
        return expected.events() + expected.watermarksPerPartition() * expected.eventCopies().size();
    }

    /** (a): expected records not found (so far). */
    public long recordsMissing() {
        long missing = 0;
        // without known placement every partition shares one pool: count it once
        List<Map<Long, Integer>> pools = expected.placementKnown() ? remaining
                : remaining.subList(0, Math.min(1, remaining.size()));
        for (Map<Long, Integer> copies : pools) {
            for (int left : copies.values()) {
                missing += left;
            }
        }
        for (long left : watermarksRemaining) {
            missing += left;
        }
        return missing;
    }

    /** (a): records beyond their expected copies, skipped. */
    public long extraCopies() {
        return extraCopies;
    }

    public long undecodable() {
        return undecodable;
    }

    /** (c): (event, window) pairs dropped as late under the real order and under any order; -1: not computed. */
    public long droppedLateUnderAnyOrder() {
        return lowerBound == null ? -1 : lowerBound.result().droppedLate();
    }

    /**
     * (c): (event, window) pairs dropped as late only because of how the upstream tasks interleaved; -1: not
     * computed (sliding and session windows, see the class doc).
     */
    public long droppedLateByInterleaving() {
        return lowerBound == null ? -1 : real.result().droppedLate() - lowerBound.result().droppedLate();
    }
}

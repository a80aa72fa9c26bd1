package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Replays input records through Kafka Streams 4.3.1's window-aggregation rule (see the package doc) and
 * accumulates what every window's final result must be. Feed each partition in offset order; partitions may
 * interleave, since stream time is kept per partition (one task each). Not thread-safe.
 *
 * <p>Mirrors the app's topology as well as Kafka: the record key (decoded as UTF-8, like the app's key serde)
 * is the aggregation key; windows of {@link Watermark#KEY} are aggregated (they move stream time) but are not
 * expected on the output; a {@link Watermark} value adds nothing to its windows and, as in the app's own
 * count, its late windows are not counted as dropped.
 */
public final class WindowOracle {

    private static final long NO_TIMESTAMP = -1;
    private static final long NO_OFFSET = -1;

    private final TopologySpec spec;
    private final WindowSpec window;
    private final long sizeMs;
    private final long graceMs;
    private final Predicate<WindowKey> traced;
    private final Map<Integer, PartitionState> partitions = new HashMap<>();
    private final Map<WindowKey, Tally> windows = new HashMap<>();
    private final Map<WindowKey, TraceBuilder> traces = new HashMap<>();
    private long recordsRead;
    private long events;
    private long watermarks;
    private long poisonRecords;
    private long nullKeyOrValueRecords;
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
        this.spec = Objects.requireNonNull(spec, "spec");
        this.traced = Objects.requireNonNull(traced, "traced");
        this.window = spec.window();
        this.sizeMs = window.size().toMillis();
        this.graceMs = spec.grace().toMillis();
    }

    /**
     * Takes the next record of {@code partition}.
     *
     * @param key   the record key's bytes, null for none
     * @param value the record value's bytes, null for none
     * @throws IllegalArgumentException when {@code offset} is not above the partition's previous offset
     */
    public void accept(int partition, long offset, long timestampMs, byte[] key, byte[] value) {
        PartitionState p = partitions.computeIfAbsent(partition, ignored -> new PartitionState());
        if (offset <= p.lastOffset) {
            throw new IllegalArgumentException("partition " + partition + ": offset " + offset
                    + " is not above the previous offset " + p.lastOffset + "; feed each partition in offset order");
        }
        p.lastOffset = offset;
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
            return;
        }
        aggregate(p, new String(key, StandardCharsets.UTF_8), timestampMs, event);
    }

    private void aggregate(PartitionState p, String key, long timestampMs, Event event) {
        p.streamTime = Math.max(p.streamTime, timestampMs);
        long closeTime = p.streamTime - graceMs;
        boolean watermark = event instanceof Watermark;
        boolean expectedOnOutput = !Watermark.KEY.equals(key);
        long idHash = watermark ? 0 : WindowResult.idHash(event.id());
        if (watermark) {
            watermarks++;
        } else {
            events++;
            lateness.add(p.streamTime - timestampMs);
        }
        int dropped = 0;
        for (long start : window.windowStartsFor(timestampMs)) {
            WindowKey windowKey = new WindowKey(key, start);
            boolean trace = expectedOnOutput && !watermark && traced.test(windowKey);
            if (start + sizeMs > closeTime) {
                if (expectedOnOutput) {
                    Tally tally = windows.computeIfAbsent(windowKey, ignored -> new Tally());
                    if (!watermark) {
                        tally.count++;
                        tally.sum += event.aggregatedValue();
                        tally.idChecksum += idHash;
                    }
                }
                if (trace) {
                    traces.computeIfAbsent(windowKey, ignored -> new TraceBuilder()).aggregated.add(event.id());
                }
            } else if (!watermark) {
                dropped++;
                if (trace) {
                    traces.computeIfAbsent(windowKey, ignored -> new TraceBuilder()).dropped.add(event.id());
                }
            }
        }
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
        PartitionState p = partitions.get(partition);
        if (p != null) {
            p.streamTime = NO_TIMESTAMP;
        }
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
        PartitionState p = partitions.get(partition);
        return p == null ? NO_TIMESTAMP : p.streamTime;
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
        Map<WindowKey, ExpectedWindow> expected = new HashMap<>(windows.size() * 2);
        windows.forEach((k, t) -> expected.put(k, new ExpectedWindow(t.count, t.sum, t.idChecksum)));
        Map<WindowKey, WindowTrace> traceSnapshot = new HashMap<>();
        traces.forEach((k, t) -> traceSnapshot.put(k, new WindowTrace(t.aggregated, t.dropped)));
        return new Expectation(spec.window().size(), expected, traceSnapshot, recordsRead, events, watermarks,
                poisonRecords, nullKeyOrValueRecords, lateRecords, droppedLate);
    }

    private static final class PartitionState {
        long lastOffset = NO_OFFSET;
        long streamTime = NO_TIMESTAMP;
    }

    private static final class Tally {
        long count;
        long sum;
        long idChecksum;
    }

    private static final class TraceBuilder {
        final List<Long> aggregated = new ArrayList<>();
        final List<Long> dropped = new ArrayList<>();
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.SequenceMeasure;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Tumbling and hopping windows, by Kafka Streams 4.3.1's rule ({@code KStreamWindowAggregate},
 * {@code AbstractKStreamTimeWindowAggregateProcessor}): stream time first moves to
 * {@code max(streamTime, timestamp)}, then the record is aggregated into each of its windows whose
 * {@code end > streamTime - grace} and dropped (counted once per record and window) from the others.
 * Tumbling 10s, grace 5s, records at 1s, 15s, 9.999s: the third is dropped, since stream time 15s - 5s = 10s
 * is not below the end 10s of [0s;10s).
 */
final class AlignedWindowModel implements WindowModel {

    private static final long NO_TIMESTAMP = -1;

    private final WindowSpec.Aligned window;
    private final long sizeMs;
    private final long graceMs;
    private final Predicate<WindowKey> traced;
    private final Map<Integer, long[]> streamTimes = new HashMap<>();
    private final Map<WindowKey, Tally> windows = new HashMap<>();
    private final Map<WindowKey, TraceBuilder> traces = new HashMap<>();

    AlignedWindowModel(WindowSpec.Aligned window, Duration grace, Predicate<WindowKey> traced) {
        this.window = Objects.requireNonNull(window, "window");
        this.sizeMs = window.size().toMillis();
        this.graceMs = grace.toMillis();
        this.traced = Objects.requireNonNull(traced, "traced");
    }

    @Override
    public int accept(int task, long timestampMs, String key, Event event) {
        long[] streamTime = streamTimes.computeIfAbsent(task, ignored -> new long[] {NO_TIMESTAMP});
        streamTime[0] = Math.max(streamTime[0], timestampMs);
        long closeTime = streamTime[0] - graceMs;
        boolean watermark = event instanceof Watermark;
        boolean expectedOnOutput = !Watermark.KEY.equals(key);
        long idHash = watermark ? 0 : WindowResult.idHash(event.id());
        byte kind = SequenceMeasure.kindOf(event);
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
                        tally.sequence = tally.sequence.add(kind, timestampMs);
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
        return dropped;
    }

    @Override
    public void resetStreamTime(int task) {
        long[] streamTime = streamTimes.get(task);
        if (streamTime != null) {
            streamTime[0] = NO_TIMESTAMP;
        }
    }

    @Override
    public long streamTime(int task) {
        long[] streamTime = streamTimes.get(task);
        return streamTime == null ? NO_TIMESTAMP : streamTime[0];
    }

    @Override
    public Map<WindowKey, ExpectedWindow> windows() {
        Map<WindowKey, ExpectedWindow> expected = new HashMap<>(windows.size() * 2);
        windows.forEach((k, t) -> expected.put(k, new ExpectedWindow(t.count, t.sum, t.idChecksum,
                k.windowStartMs() + sizeMs, t.sequence)));
        return expected;
    }

    @Override
    public Map<WindowKey, WindowTrace> traces() {
        Map<WindowKey, WindowTrace> snapshot = new HashMap<>();
        traces.forEach((k, t) -> snapshot.put(k, new WindowTrace(t.aggregated, t.dropped)));
        return snapshot;
    }

    private static final class Tally {
        long count;
        long sum;
        long idChecksum;
        SequenceMeasure sequence = SequenceMeasure.NONE;
    }

    private static final class TraceBuilder {
        final List<Long> aggregated = new ArrayList<>();
        final List<Long> dropped = new ArrayList<>();
    }
}

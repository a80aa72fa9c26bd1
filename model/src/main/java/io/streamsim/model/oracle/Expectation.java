package io.streamsim.model.oracle;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the output topic must hold after a run, as a {@link WindowOracle} derived it from the input topic:
 * the final result of every window (the watermark key's excluded) and the counts behind it.
 *
 * @param windows               the final result of every window that must be on the output topic
 * @param traces                event ids behind the windows the oracle was asked to trace (often none)
 * @param recordsRead           input records given to the oracle, of any kind
 * @param events                decoded events with a key and a value (watermarks excluded): what reaches the
 *                              aggregation, like the app's {@code records.processed}
 * @param watermarks            decoded {@link io.streamsim.model.Watermark}s with a key
 * @param poisonRecords         records whose value does not decode: the app routes them aside, they never
 *                              reach the aggregation and do not move stream time
 * @param nullKeyOrValueRecords records without a key or a value, which never reach the aggregation either
 * @param lateRecords           events dropped from at least one of their windows
 * @param droppedLate           (event, window) pairs dropped as late, the unit of Kafka's
 *                              {@code dropped-records} and of the app's {@code records.dropped{reason=late}}
 */
public record Expectation(
        Map<WindowKey, ExpectedWindow> windows,
        Map<WindowKey, WindowTrace> traces,
        long recordsRead,
        long events,
        long watermarks,
        long poisonRecords,
        long nullKeyOrValueRecords,
        long lateRecords,
        long droppedLate) {

    public Expectation {
        windows = Map.copyOf(windows);
        traces = Map.copyOf(traces);
    }

    /** (event, window) pairs that must be aggregated: the sum of every expected window's count. */
    public long contributions() {
        long total = 0;
        for (ExpectedWindow w : windows.values()) {
            total += w.count();
        }
        return total;
    }

    /** The end of an expected window, as the app must write it. */
    public Instant windowEnd(WindowKey window) {
        return Instant.ofEpochMilli(windows.get(window).endMs());
    }

    public Optional<WindowTrace> trace(WindowKey window) {
        return Optional.ofNullable(traces.get(window));
    }
}

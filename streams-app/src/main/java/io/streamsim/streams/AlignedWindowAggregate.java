package io.streamsim.streams;

import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Tumbling and hopping windows: Kafka's {@link TimeWindows}. They include their start, exclude their end, and
 * close once the task's stream time reaches end + grace. Tumbling 10s, grace 5s: an event at 10s belongs to
 * [10s;20s), not [0s;10s); an event for [0s;10s) is still aggregated while stream time is below 15s and dropped
 * (counted once per record and window) from 15s on.
 */
final class AlignedWindowAggregate implements WindowAggregate {

    private final TimeWindows windows;

    AlignedWindowAggregate(WindowSpec.Aligned window, Duration grace) {
        TimeWindows sized = TimeWindows.ofSizeAndGrace(window.size(), grace);
        this.windows = window.advance().equals(window.size()) ? sized : sized.advanceBy(window.advance());
    }

    @Override
    public int lateDrops(long timestampMs, long streamTimeMs) {
        long closeTime = streamTimeMs - windows.gracePeriodMs();
        int late = 0;
        for (Window window : windows.windowsFor(timestampMs).values()) {
            if (window.end() <= closeTime) {
                late++;
            }
        }
        return late;
    }

    @Override
    public KTable<Windowed<String>, WindowAgg> aggregate(KGroupedStream<String, Contribution> grouped) {
        return grouped.windowedBy(windows)
                .aggregate(() -> WindowAgg.EMPTY, (key, contribution, agg) -> agg.add(contribution),
                        Named.as("aggregate"),
                        Materialized.<String, WindowAgg, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(WindowAgg.serde()));
    }
}

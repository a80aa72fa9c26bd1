package io.streamsim.streams;

import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Sliding windows: Kafka's {@link SlidingWindows#ofTimeDifferenceAndGrace}. A window covers {@code timeDifference}
 * with both bounds included, and Kafka keeps only the windows where a bound meets a record of the key: each
 * record's left window {@code [t - timeDifference; t]} and, when a later record of the key falls in it, its right
 * window {@code [t + 1; t + 1 + timeDifference]}. A record earlier than {@code timeDifference} (no negative starts)
 * goes into {@code [0; timeDifference]} instead of its left window. The app writes {@code windowEnd} as Kafka's
 * inclusive end: timeDifference 10s, records at 0s, 10s and 10.001s of one key: [0s;10s] counts 0s and 10s,
 * [0.001s;10.001s] counts 10s and 10.001s, [10.001s;20.001s] (the right window of 10s) counts 10.001s, and no window
 * starts after 10.001s, since nothing follows it.
 *
 * <p>Lateness (Kafka 4.3.1, {@code KStreamSlidingWindowAggregate}): with closeTime = streamTime - grace, a record
 * whose left window ended before closeTime by more than {@code timeDifference} ({@code t + timeDifference <
 * closeTime}) is dropped whole and counted once; otherwise each window it would update or create whose end is
 * before closeTime counts one drop (a window ending exactly at closeTime is still updated), except the record's
 * own right window, which Kafka makes without that check. So a record's drops are known from its timestamp and
 * stream time alone only when it is on time ({@code t >= closeTime}: 0) or dropped whole (1); in between they
 * depend on the windows the store holds, and {@link #lateDrops} says {@link WindowAggregate#COUNTED_BY_KAFKA}.
 */
final class SlidingWindowAggregate implements WindowAggregate {

    private final SlidingWindows windows;

    SlidingWindowAggregate(WindowSpec.Sliding window, Duration grace) {
        this.windows = SlidingWindows.ofTimeDifferenceAndGrace(window.timeDifference(), grace);
    }

    /**
     * 0 when {@code timestampMs >= streamTimeMs - grace}; 1 when {@code timestampMs + timeDifference <
     * streamTimeMs - grace} (dropped whole); otherwise {@link WindowAggregate#COUNTED_BY_KAFKA}. TimeDifference 10s,
     * grace 0, stream time 30s: a record at 30s gives 0, at 19.999s gives 1, and at 25s depends on the windows of
     * its key (its left window [15s;25s] is one drop, each of the key's expired windows it falls in one more).
     */
    @Override
    public int lateDrops(long timestampMs, long streamTimeMs) {
        long closeTime = streamTimeMs - windows.gracePeriodMs();
        if (timestampMs >= closeTime) {
            return 0;
        }
        if (timestampMs + windows.timeDifferenceMs() < closeTime) {
            return 1;
        }
        return COUNTED_BY_KAFKA;
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

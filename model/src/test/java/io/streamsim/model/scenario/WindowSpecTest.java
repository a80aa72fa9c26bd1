package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.junit.jupiter.api.Test;

class WindowSpecTest {

    private static final WindowSpec.Aligned TUMBLING_10S = new WindowSpec.Tumbling(Duration.ofSeconds(10));
    private static final WindowSpec.Aligned HOPPING_10S_BY_5S = new WindowSpec.Hopping(Duration.ofSeconds(10), Duration.ofSeconds(5));

    @Test
    void tumbling_lastMillisecondOfAWindow_belongsToIt() {
        assertThat(TUMBLING_10S.windowStartsFor(9_999)).containsExactly(0);
    }

    @Test
    void tumbling_windowEnd_belongsToTheNextWindow() {
        assertThat(TUMBLING_10S.windowStartsFor(10_000)).containsExactly(10_000);
        assertThat(TUMBLING_10S.windowStartsFor(0)).containsExactly(0);
    }

    @Test
    void tumbling_advance_isTheSize() {
        assertThat(TUMBLING_10S.advance()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void hopping_timestampInTheOverlap_belongsToBothWindows() {
        assertThat(HOPPING_10S_BY_5S.windowStartsFor(12_000)).containsExactly(5_000, 10_000);
        assertThat(HOPPING_10S_BY_5S.windowStartsFor(10_000)).containsExactly(5_000, 10_000);
    }

    @Test
    void hopping_timestampBeforeTheSecondWindow_belongsToTheFirstOnly() {
        assertThat(HOPPING_10S_BY_5S.windowStartsFor(3_000)).containsExactly(0);
    }

    @Test
    void windowStartsFor_negativeTimestamp_isInNoWindow() {
        assertThat(TUMBLING_10S.windowStartsFor(-1)).isEmpty();
        assertThat(HOPPING_10S_BY_5S.windowStartsFor(-12_000)).isEmpty();
    }

    @Test
    void windowStartsFor_randomTimestamps_agreesWithKafkasTimeWindows() {
        SplittableRandom random = new SplittableRandom(20240601);
        long[][] shapes = {{10_000, 10_000}, {10_000, 5_000}, {10_000, 3_000}, {5_000, 1_000}, {7_001, 7_001},
                {60_000, 7_000}, {1, 1}};
        for (long[] shape : shapes) {
            WindowSpec.Aligned ours = shape[0] == shape[1]
                    ? new WindowSpec.Tumbling(Duration.ofMillis(shape[0]))
                    : new WindowSpec.Hopping(Duration.ofMillis(shape[0]), Duration.ofMillis(shape[1]));
            TimeWindows kafka = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(shape[0]))
                    .advanceBy(Duration.ofMillis(shape[1]));
            for (int k = 0; k < 300; k++) {
                long ts = k < 100 ? random.nextLong(100_000) : random.nextLong(1_800_000_000_000L, 1_900_000_000_000L);
                long[] expected = kafka.windowsFor(ts).keySet().stream().mapToLong(Long::longValue).sorted().toArray();

                assertThat(ours.windowStartsFor(ts)).as("%s at %d", ours, ts).containsExactly(expected);
            }
        }
    }

    @Test
    void hopping_advanceLongerThanSize_isRejected() {
        assertThatThrownBy(() -> new WindowSpec.Hopping(Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .isInstanceOf(SpecException.class)
                .hasMessage("hopping.advance: must not exceed size (5s), was 10s");
    }

    @Test
    void tumbling_subMillisecondSize_isRejected() {
        assertThatThrownBy(() -> new WindowSpec.Tumbling(Duration.ofNanos(1_500_000)))
                .isInstanceOf(SpecException.class)
                .hasMessage("tumbling: must be whole milliseconds");
    }

    @Test
    void tumbling_zeroSize_isRejected() {
        assertThatThrownBy(() -> new WindowSpec.Tumbling(Duration.ZERO))
                .isInstanceOf(SpecException.class)
                .hasMessage("tumbling: must be > 0, was 0s");
    }
}

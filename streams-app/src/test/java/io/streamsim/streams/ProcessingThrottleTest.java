package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessingThrottleTest {

    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();
    private final ProcessingThrottle throttle = new ProcessingThrottle(() -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    @Test
    void beforeRecord_noSlowDown_doesNotWait() {
        throttle.beforeRecord();

        assertThat(sleeps).isEmpty();
        assertThat(throttle.remaining()).isZero();
        assertThat(throttle.perRecord()).isZero();
    }

    @Test
    void beforeRecord_duringSlowDown_waitsPerRecord_andNeverPastItsEnd() {
        throttle.slowDown(Duration.ofMillis(2), Duration.ofMillis(5));

        throttle.beforeRecord();
        throttle.beforeRecord();
        assertThat(throttle.perRecord()).isEqualTo(Duration.ofMillis(2));
        throttle.beforeRecord();
        throttle.beforeRecord();

        assertThat(sleeps).containsExactly(2_000_000L, 2_000_000L, 1_000_000L);
        assertThat(throttle.remaining()).isZero();
        assertThat(throttle.perRecord()).isZero();
    }

    @Test
    void slowDown_zeroLasting_endsTheSlowDownInForce() {
        throttle.slowDown(Duration.ofMillis(2), Duration.ofSeconds(10));

        throttle.slowDown(Duration.ofMillis(2), Duration.ZERO);
        throttle.beforeRecord();

        assertThat(sleeps).isEmpty();
    }

    @Test
    void slowDown_perRecordAboveOneSecondOrNegative_isRejected() {
        assertThatThrownBy(() -> throttle.slowDown(Duration.ofMillis(1001), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perRecord");
        assertThatThrownBy(() -> throttle.slowDown(Duration.ofMillis(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lasting");
    }

    @Test
    void system_sleepsForReal() {
        ProcessingThrottle real = ProcessingThrottle.system();
        real.slowDown(Duration.ofMillis(20), Duration.ofSeconds(5));

        long start = System.nanoTime();
        real.beforeRecord();

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(19).toNanos());
    }
}

package io.streamsim.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class HoldVerdictTest {

    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration HOLD = Duration.ofSeconds(10);

    /** Readings at 1s..n s of a producer at {@code rate} and the given lag each second. */
    private static List<Second> readings(int n, double rate, IntToLongFunction lag) {
        List<Second> seconds = new ArrayList<>();
        for (int t = 1; t <= n; t++) {
            seconds.add(new Second(t, Math.round(rate * t), lag.applyAsLong(t)));
        }
        return seconds;
    }

    @Test
    void judge_onScheduleAndLagLow_isSustainable() {
        HoldVerdict v = HoldVerdict.judge(readings(15, 1000, t -> 300), 1000, WARMUP, HOLD, 2000);

        assertThat(v.sustainable()).isTrue();
        assertThat(v.producedPerSecond()).isEqualTo(1000.0);
        assertThat(v.maxLagRecords()).isEqualTo(300);
        assertThat(v.keepsUpAfterSeconds()).isEqualTo(1.0);
    }

    @Test
    void judge_lagHighDuringWarmupOnly_isSustainableAndKeepsUpAfterIt() {
        HoldVerdict v = HoldVerdict.judge(readings(15, 1000, t -> t <= 4 ? 5000 : 300), 1000, WARMUP, HOLD, 2000);

        assertThat(v.sustainable()).isTrue();
        assertThat(v.keepsUpAfterSeconds()).isEqualTo(5.0);
    }

    @Test
    void judge_oneHoldSecondAtTheLimit_fails() {
        HoldVerdict v = HoldVerdict.judge(readings(15, 1000, t -> t == 12 ? 2000 : 300), 1000, WARMUP, HOLD, 2000);

        assertThat(v.sustainable()).isFalse();
        assertThat(v.reason()).contains("lag 2000");
    }

    @Test
    void judge_producersAt95Percent_failsAsBehindSchedule() {
        HoldVerdict v = HoldVerdict.judge(readings(15, 950, t -> 0), 1000, WARMUP, HOLD, 2000);

        assertThat(v.sustainable()).isFalse();
        assertThat(v.reason()).startsWith("producers behind schedule");
    }

    @Test
    void judge_readingsEndBeforeTheHold_fails() {
        HoldVerdict v = HoldVerdict.judge(readings(10, 1000, t -> 0), 1000, WARMUP, HOLD, 2000);

        assertThat(v.sustainable()).isFalse();
        assertThat(v.reason()).contains("do not cover the hold");
    }

    @Test
    void judge_lagUnknownSomeSeconds_countsThemAndJudgesTheRest() {
        HoldVerdict v = HoldVerdict.judge(readings(15, 1000, t -> t % 3 == 0 ? -1 : 100), 1000, WARMUP, HOLD, 2000);

        assertThat(v.sustainable()).isTrue();
        assertThat(v.unknownLagSeconds()).isEqualTo(4);
    }
}

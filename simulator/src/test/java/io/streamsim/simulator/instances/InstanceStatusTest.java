package io.streamsim.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceStatusTest {

    private static InstanceStatus life(long processed, Duration cpu, boolean alive) {
        return new InstanceStatus(processed, 0, 0, 0, 1, alive ? "RUNNING" : "KILLED", alive, cpu);
    }

    @Test
    void plus_aDeadLifeAndALiveOne_sumsTheirThreadCpuLikeTheCounts() {
        InstanceStatus earlier = InstanceStatus.NONE.plus(life(1000, Duration.ofMillis(800), false),
                InstanceStatus.NOT_STARTED, false);

        InstanceStatus now = earlier.plus(life(500, Duration.ofMillis(300), true), "RUNNING", true);

        assertThat(now.processed()).isEqualTo(1500);
        assertThat(now.appThreadsCpu()).isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void plus_aLifeThatDidNotReportCpu_makesTheSumUnknown() {
        InstanceStatus now = life(1000, Duration.ofMillis(800), false).plus(
                new InstanceStatus(500, 0, 0, 0, 1, "RUNNING", true), "RUNNING", true);

        assertThat(now.appThreadsCpu()).isNull();
    }

    @Test
    void totals_instanceNeverStarted_countsAsNoCpu() {
        InstanceStatus totals = AppInstances.totals(List.of(life(10, Duration.ofSeconds(2), true),
                InstanceStatus.NONE));

        assertThat(totals.appThreadsCpu()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void cpu_secondsFromTheApp_becomeADuration() {
        assertThat(InstanceStatus.cpu(1.25)).isEqualTo(Duration.ofMillis(1250));
        assertThat(InstanceStatus.cpu(null)).isNull();
    }
}

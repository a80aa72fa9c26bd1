package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.AutoscaleSpec;
import io.streamsim.model.scenario.Fault;
import io.streamsim.simulator.instances.InstanceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscalerTest {

    /** One more instance once lag stays above 1000 for 2 s; no cooldown, at most 4 alive. */
    private static final AutoscaleSpec RULE = new AutoscaleSpec(1000, Duration.ofSeconds(2), 4, Duration.ZERO);

    private final List<FaultRunner.Applied> applied = new ArrayList<>();
    private final Map<String, InstanceStatus> statuses = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final Autoscaler autoscaler = new Autoscaler(RULE, () -> List.copyOf(applied), () -> Map.copyOf(statuses));

    AutoscalerTest() {
        statuses.put("app-instance-1", status(InstanceStatus.RUNNING, true));
        statuses.put("app-instance-2", status(InstanceStatus.RUNNING, true));
    }

    private static InstanceStatus status(String state, boolean alive) {
        return new InstanceStatus(0, 0, 0, 0, 0, state, alive);
    }

    /** Adds a sample with this lag at second {@code t} and asks the rule. */
    private boolean lagAt(double t, long lag) {
        samples.add(new Sample(t, "load", 1000, 0, 0, 0, 0, 1000, 0, 1000, lag, List.of(lag), List.of(0L), 0, 0, 0, 0,
                Double.NaN, Double.NaN, 0, ""));
        return autoscaler.wantsOneMore(samples);
    }

    private void scaledOutAt(double t, String name) {
        applied.add(new FaultRunner.Applied(new Fault.ScaleOut(Duration.ofMillis((long) (t * 1000)), 1), t, 0.01,
                new FaultOutcome.Started(List.of(name))));
        statuses.put(name, status(InstanceStatus.STARTING, true));
    }

    @Test
    void wantsOneMore_lagAboveForTheSustainedTime_isTrue() {
        assertThat(lagAt(10, 5000)).isFalse();
        assertThat(lagAt(11, 5000)).isFalse();
        assertThat(lagAt(12, 5000)).isTrue();
        assertThat(autoscaler.mayStartOne()).isTrue();
    }

    @Test
    void wantsOneMore_lagHighWhileAScaledOutInstanceIsStarting_waitsUntilItRunsAndLagStaysHighAgain() {
        scaledOutAt(9.5, "app-instance-3");

        assertThat(lagAt(10, 5000)).isFalse();
        assertThat(lagAt(11, 5000)).isFalse();
        assertThat(lagAt(12, 5000)).as("app-instance-3 is still starting").isFalse();
        assertThat(lagAt(13, 5000)).as("app-instance-3 is still starting").isFalse();

        statuses.put("app-instance-3", status(InstanceStatus.RUNNING, true));

        assertThat(lagAt(14, 5000)).as("lag must stay high for 2 s with app-instance-3 running").isFalse();
        assertThat(lagAt(15, 5000)).isFalse();
        assertThat(lagAt(16, 5000)).isTrue();
    }

    @Test
    void mayStartOne_aTimedScaleOutAppliedAfterTheDecision_isFalse() {
        lagAt(30, 217_214);
        lagAt(31, 217_214);
        assertThat(lagAt(32, 217_214)).isTrue();

        scaledOutAt(32.05, "app-instance-3");

        assertThat(autoscaler.mayStartOne()).as("the faults' thread applied a scale-out in the meantime").isFalse();
    }

    @Test
    void mayStartOne_aStartingInstanceThatDied_isNotWaitedFor() {
        scaledOutAt(9.5, "app-instance-3");
        statuses.put("app-instance-3", status(InstanceStatus.EXITED, false));

        lagAt(10, 5000);
        lagAt(11, 5000);

        assertThat(lagAt(12, 5000)).isTrue();
        assertThat(autoscaler.mayStartOne()).isTrue();
    }

    @Test
    void mayStartOne_maxInstancesAlive_isFalse() {
        statuses.put("app-instance-3", status(InstanceStatus.RUNNING, true));
        statuses.put("app-instance-4", status(InstanceStatus.RUNNING, true));

        lagAt(10, 5000);
        lagAt(11, 5000);

        assertThat(lagAt(12, 5000)).isFalse();
        assertThat(autoscaler.mayStartOne()).isFalse();
    }
}

package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsim.model.scenario.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultRunnerTest {

    private final List<String> done = new ArrayList<>();

    private final FaultRunner.Actions actions = new FaultRunner.Actions() {
        @Override
        public void kill(String target) {
            done.add("kill " + target);
        }

        @Override
        public void stop(String target) {
            throw new IllegalStateException(target + " is not running");
        }

        @Override
        public void restart(String target) {
            done.add("restart " + target);
        }

        @Override
        public List<String> startInstances(int instances) {
            done.add("scaleOut " + instances);
            return List.of("app-instance-3");
        }

        @Override
        public void pauseProducers(Duration lasting) {
            done.add("pause " + lasting.toSeconds());
        }

        @Override
        public void slowProcessing(Duration perRecord, Duration lasting) {
            done.add("slow " + perRecord.toMillis());
        }

        @Override
        public void writePoison(int records) {
            done.add("poison " + records);
        }

        @Override
        public void clockSkew(int shard, Duration offset, Duration lasting) {
            done.add("skew " + shard + " " + offset.toSeconds());
        }

        @Override
        public void changeRate(double factor) {
            done.add("rate " + factor);
        }
    };

    @Test
    void applyNow_aControlOffTheTimeline_isAppliedAndRecorded() throws Exception {
        FaultRunner runner = new FaultRunner(List.of(), actions, System::nanoTime);
        runner.start(System.nanoTime());

        FaultRunner.Applied a = runner.applyNow(new Fault.RateStep(Duration.ZERO, 10));
        runner.close();

        assertThat(done).containsExactly("rate 10.0");
        assertThat(a.fault().describe()).isEqualTo("rate x10");
        assertThat(a.outcome()).isEqualTo("ok");
    }

    @Test
    void apply_eachFaultKind_callsItsActionAndRecordsTheOutcome() {
        AtomicLong now = new AtomicLong(0);
        FaultRunner runner = new FaultRunner(List.of(), actions, now::get);
        runner.start(0);
        List<Fault> faults = List.of(new Fault.Kill(Duration.ofSeconds(1), "app-instance-1"),
                new Fault.Stop(Duration.ofSeconds(2), "app-instance-2"),
                new Fault.Restart(Duration.ofSeconds(3), "app-instance-1"),
                new Fault.ScaleOut(Duration.ofSeconds(4), 1),
                new Fault.PauseProducers(Duration.ofSeconds(5), Duration.ofSeconds(3)),
                new Fault.SlowProcessing(Duration.ofSeconds(6), Duration.ofMillis(2), Duration.ofSeconds(1)),
                new Fault.PoisonBurst(Duration.ofSeconds(7), 50),
                new Fault.ClockSkew(Duration.ofSeconds(8), 0, Duration.ofSeconds(-30), Duration.ofSeconds(5)));

        for (Fault f : faults) {
            now.set(f.at().toNanos());
            runner.apply(f);
        }
        runner.close();

        assertThat(done).containsExactly("kill app-instance-1", "restart app-instance-1", "scaleOut 1", "pause 3",
                "slow 2", "poison 50", "skew 0 -30");
        assertThat(runner.applied()).extracting(FaultRunner.Applied::atSeconds)
                .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
        assertThat(runner.applied().get(1).outcome()).startsWith("failed: java.lang.IllegalStateException: app-instance-2");
        assertThat(runner.applied().get(3).outcome()).isEqualTo("ok: started app-instance-3");
    }

    @Test
    void apply_countsEachFaultByKindAndTarget_registeredAtZeroUpFront() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Fault kill = new Fault.Kill(Duration.ofSeconds(1), "app-instance-1");
        FaultRunner runner = new FaultRunner(List.of(kill), actions, () -> 0L, registry);

        assertThat(registry.get("streamsim.faults.applied").tag("fault", "kill").tag("target", "app-instance-1")
                .counter().count()).isZero();
        runner.apply(kill);
        runner.apply(new Fault.PoisonBurst(Duration.ofSeconds(2), 5));
        runner.close();

        assertThat(registry.get("streamsim.faults.applied").tag("fault", "kill").counter().count()).isEqualTo(1);
        assertThat(registry.get("streamsim.faults.applied").tag("fault", "poisonBurst").tag("target", "pipeline")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void start_schedulesEachFaultAtItsOffsetFromTheStart() throws Exception {
        FaultRunner runner = new FaultRunner(List.of(new Fault.PoisonBurst(Duration.ofMillis(300), 1),
                new Fault.PoisonBurst(Duration.ofMillis(100), 2)), actions, System::nanoTime);
        long start = System.nanoTime();

        runner.start(start);
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.applied().size() == 2);
        runner.close();

        assertThat(done).containsExactly("poison 2", "poison 1");
        // Never before its offset; how long after depends on the machine's load, so no upper bound.
        assertThat(runner.applied().get(0).atSeconds()).isGreaterThanOrEqualTo(0.1);
        assertThat(runner.applied().get(1).atSeconds()).isGreaterThanOrEqualTo(0.3);
    }
}

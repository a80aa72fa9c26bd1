package io.streamsim.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.streams.http.ControlToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AppInstancesTest {

    /** A stand-in with settable counts; a restart starts its counts at zero, as a child JVM does. */
    static final class FakeInstance implements AppInstance {
        final String name;
        final List<String> calls = new ArrayList<>();
        boolean alive;
        long processed;
        long earlier;
        Integer exit;

        FakeInstance(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            calls.add("start");
            earlier += processed;
            processed = 0;
            alive = true;
            exit = null;
        }

        @Override
        public boolean awaitRunning(Duration timeout) {
            return alive;
        }

        @Override
        public void kill() {
            calls.add("kill");
            alive = false;
            exit = 137;
        }

        @Override
        public void stop(Duration timeout) {
            calls.add("stop");
            alive = false;
            exit = 0;
        }

        @Override
        public void restart() {
            start();
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public OptionalInt metricsPort() {
            return alive ? OptionalInt.of(40_000 + name.hashCode() % 1000) : OptionalInt.empty();
        }

        @Override
        public InstanceStatus status() {
            return new InstanceStatus(earlier + processed, 1, 2, 3, 1, alive ? "RUNNING" : "KILLED", alive);
        }

        @Override
        public void slowDown(Duration perRecord, Duration lasting) {
            calls.add("slow " + perRecord.toMillis() + "ms/" + lasting.toSeconds() + "s");
        }

        @Override
        public OptionalInt exitCode() {
            return exit == null ? OptionalInt.empty() : OptionalInt.of(exit);
        }
    }

    private final Map<String, FakeInstance> made = new java.util.LinkedHashMap<>();
    private final AppInstances instances = new AppInstances(name -> {
        FakeInstance f = new FakeInstance(name);
        made.put(name, f);
        return f;
    });

    @Test
    void startInitial_thenScaleOut_numbersFromOneOnwards() {
        assertThat(instances.startInitial(2)).containsExactly("app-instance-1", "app-instance-2");
        assertThat(instances.scaleOut(1)).containsExactly("app-instance-3");

        assertThat(instances.names()).containsExactly("app-instance-1", "app-instance-2", "app-instance-3");
        assertThat(made.values()).allMatch(f -> f.calls.equals(List.of("start")));
        assertThatThrownBy(() -> instances.startInitial(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void totals_includeDeadInstancesAtTheirLastValues_andEarlierLivesOfRestartedOnes() {
        instances.startInitial(2);
        made.get("app-instance-1").processed = 100;
        made.get("app-instance-2").processed = 50;

        instances.kill("app-instance-1");
        InstanceStatus afterKill = instances.totals();
        instances.restart("app-instance-1");
        made.get("app-instance-1").processed = 7;
        InstanceStatus afterRestart = instances.totals();

        assertThat(afterKill.processed()).isEqualTo(150);
        assertThat(afterKill.state()).isEqualTo("1/1 RUNNING");
        assertThat(afterRestart.processed()).isEqualTo(157);
        assertThat(afterRestart.deadLettered()).isEqualTo(6);
        assertThat(afterRestart.state()).isEqualTo("2/2 RUNNING");
        assertThat(instances.statuses()).containsOnlyKeys("app-instance-1", "app-instance-2");
    }

    @Test
    void metricsPorts_liveInstancesOnly_byName() {
        instances.startInitial(3);
        instances.kill("app-instance-2");

        Map<String, Integer> ports = instances.metricsPorts();

        assertThat(ports).containsOnlyKeys("app-instance-1", "app-instance-3");
        assertThat(ports.get("app-instance-1")).isEqualTo(made.get("app-instance-1").metricsPort().getAsInt());
    }

    @Test
    void slowDownAll_reachesLiveInstancesOnly() {
        instances.startInitial(2);
        instances.kill("app-instance-2");

        instances.slowDownAll(Duration.ofMillis(2), Duration.ofSeconds(10));

        assertThat(made.get("app-instance-1").calls).containsExactly("start", "slow 2ms/10s");
        assertThat(made.get("app-instance-2").calls).containsExactly("start", "kill");
    }

    @Test
    void close_stopsLiveInstances_andLeavesDeadOnesAlone() {
        instances.startInitial(2);
        instances.kill("app-instance-1");

        instances.close();

        assertThat(made.get("app-instance-1").calls).containsExactly("start", "kill");
        assertThat(made.get("app-instance-2").calls).containsExactly("start", "stop");
    }

    @Test
    void get_unknownName_says_whichExist() {
        instances.startInitial(1);

        assertThatThrownBy(() -> instances.kill("app-instance-9"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("app-instance-1");
    }

    @Test
    void appLaunch_command_passesEverythingTheChildNeeds() {
        AppLaunch launch = new AppLaunch(Path.of("/jdk/bin/java"), AppLaunch.DEFAULT_JVM_OPTIONS, "cp.jar",
                "127.0.0.1:9092", Path.of("/run/client.properties"), Path.of("/run/s.yaml"), "app", "in", "out",
                "in.dlq", Path.of("/run/state"), Path.of("/run/logs"));

        List<String> cmd = launch.command("app-instance-2", 42);

        assertThat(cmd).startsWith("/jdk/bin/java", "-Xmx512m", "-XX:+UseSerialGC", "-cp", "cp.jar",
                "io.streamsim.streams.StreamsAppMain");
        assertThat(String.join(" ", cmd)).contains("--dead-letter-topic in.dlq", "--instance-id app-instance-2",
                "--metrics-port 0", "--state-dir /run/state/app-instance-2", "--parent-pid 42",
                "--command-config /run/client.properties", "--input-topic in", "--output-topic out",
                "--application-id app");
        assertThat(launch.logFile("app-instance-2")).isEqualTo(Path.of("/run/logs/app-instance-2.log"));
    }

    @Test
    void appLaunch_controlToken_goesToTheChildsEnvironmentNotItsCommandLine() {
        ControlToken token = ControlToken.of("token-of-this-run-0123456789");
        AppLaunch launch = new AppLaunch(Path.of("/jdk/bin/java"), AppLaunch.DEFAULT_JVM_OPTIONS, "cp.jar",
                "127.0.0.1:9092", null, Path.of("/run/s.yaml"), "app", "in", "out", null, Path.of("/run/state"),
                Path.of("/run/logs"), token);

        List<String> cmd = launch.command("app-instance-1", 42);

        assertThat(String.join(" ", cmd)).contains("--control-token-env " + AppLaunch.CONTROL_TOKEN_ENV)
                .doesNotContain(token.value());
        assertThat(launch.environment()).containsExactly(Map.entry(AppLaunch.CONTROL_TOKEN_ENV, token.value()));
        assertThat(launch.toString()).doesNotContain(token.value());
    }

    @Test
    void appLaunch_of_makesAFreshTokenForEachRun() {
        AppLaunch one = AppLaunch.of("b:9092", null, Path.of("s.yaml"), "app", "in", "out", null, Path.of("state"),
                Path.of("logs"));
        AppLaunch two = AppLaunch.of("b:9092", null, Path.of("s.yaml"), "app", "in", "out", null, Path.of("state"),
                Path.of("logs"));

        assertThat(one.controlToken().value()).isNotEqualTo(two.controlToken().value()).hasSize(43);
    }

    @Test
    void millis_formatsDurationsForTheSlowEndpoint() {
        assertThat(ChildJvmAppInstance.millis(Duration.ofMillis(2))).isEqualTo("2");
        assertThat(ChildJvmAppInstance.millis(Duration.ofNanos(500_000))).isEqualTo("0.5");
        assertThat(ChildJvmAppInstance.millis(Duration.ofSeconds(10))).isEqualTo("10000");
    }
}

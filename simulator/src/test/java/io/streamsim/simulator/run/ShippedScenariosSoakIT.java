package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.ScenarioRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The soak: every scenario shipped in {@code scenarios/}, at full length, {@code streamsim.soak.repeat} times
 * each (default 1), on real brokers and child-JVM app instances; each run must complete with every fault
 * applied, its expectations met, every acked record on the input topic and no window contribution lost.
 *
 * <p>About 10 minutes a repeat here, so it is off in the default build: {@code mvn verify -Psoak} (the profile
 * sets {@code streamsim.soak=true} and a 2-hour fork timeout, enough for 9 repeats; more with
 * {@code -Dit.timeout.seconds=...}), e.g.
 * {@code mvn -Psoak -Dstreamsim.soak.repeat=3 verify -pl simulator -am -Dit.test=ShippedScenariosSoakIT}.
 */
@EnabledIfSystemProperty(named = "streamsim.soak", matches = "true")
class ShippedScenariosSoakIT {

    private static final Path SHIPPED = Path.of("../scenarios");

    @TempDir
    Path runs;

    static Stream<Arguments> shippedScenarios() throws IOException {
        int repeat = Integer.getInteger("streamsim.soak.repeat", 1);
        List<Path> files;
        try (Stream<Path> listed = Files.list(SHIPPED)) {
            files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("scenarios in " + SHIPPED.toAbsolutePath()).isNotEmpty();
        List<Arguments> runs = new ArrayList<>();
        for (int r = 1; r <= repeat; r++) {
            for (Path file : files) {
                runs.add(Arguments.of(file, r));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} (repeat {1})")
    @MethodSource("shippedScenarios")
    void shippedScenario_fullLength_meetsItsExpectationsAndLosesNothing(Path file, int repeat) throws Exception {
        Scenario scenario = ScenarioLoader.load(file);
        StringWriter console = new StringWriter();
        RunOptions options = new RunOptions(null, Map.of(), runs, "127.0.0.1", -1, Duration.ofSeconds(10),
                Duration.ofSeconds(120));
        RunResult result;
        try {
            result = new ScenarioRun(scenario, file, options, new PrintWriter(console), Clock.systemUTC()).execute();
        } finally {
            System.out.println(console);
        }

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        System.out.printf("[soak] %s #%d: %s; %d acked, %d on the input topic; oracle %s over %d windows "
                        + "(%d contributions counted twice, %d missing); %d faults; expectations %s%n",
                scenario.name(), repeat, s.outcome(), s.totals().recordsAcked(), s.totals().recordsOnInputTopic(),
                s.oracle().verdict(), s.oracle().counts().windowsExpected(),
                s.oracle().counts().contributionsCountedTwice(), s.oracle().counts().contributionsMissing(),
                s.faults().size(), s.expectationsMet() ? "met" : "NOT met");
        assertThat(s.faults()).hasSize(scenario.faults().size())
                .allSatisfy(f -> assertThat(f.outcome()).as(f.fault()).startsWith("ok"));
        assertThat(s.checks().inputMatchesAcked()).as("every acked record is on the input topic").isTrue();
        assertThat(s.oracle().counts().noLoss()).as("oracle: " + s.oracle().verdict()).isTrue();
        assertThat(s.expectations()).allSatisfy(e -> assertThat(e.met()).as(e.toString()).isTrue());
    }
}

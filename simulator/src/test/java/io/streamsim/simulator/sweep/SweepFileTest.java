package io.streamsim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.model.scenario.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepFileTest {

    private static final Path SWEEPS = Path.of("../scenarios/sweeps");

    private static List<Violation> violations(String yaml) {
        try {
            SweepFile.parse(yaml, "s.yaml", SWEEPS);
        } catch (ScenarioException e) {
            return e.violations();
        }
        throw new AssertionError("no violation");
    }

    @Test
    void parse_fullFile_readsEverySection() {
        SweepFile f = SweepFile.parse("""
                scenario: ../ingest-10x-step.yaml
                prompt: "Does a second instance absorb the step?"
                vary:
                  app.instances: [1, 2, 4]
                set:
                  faults: []
                  app.autoscale: null
                repeat: 2
                tradeoff: {x: processedPerSecond, y: p99Seconds}
                """, "s.yaml", SWEEPS);

        assertThat(f.scenario()).isEqualTo(Path.of("../scenarios/ingest-10x-step.yaml").normalize());
        assertThat(f.prompt()).isEqualTo("Does a second instance absorb the step?");
        assertThat(f.varies()).containsExactly(new Vary("app.instances", List.of("1", "2", "4")));
        assertThat(f.set()).containsEntry("faults", "[]").containsEntry("app.autoscale", null);
        assertThat(f.repeat()).isEqualTo(2);
        assertThat(f.tradeOff()).isEqualTo(new SweepFile.TradeOff("processedPerSecond", "p99Seconds"));
    }

    @Test
    void parse_badSections_reportsEachWithLineAndPath() {
        List<Violation> v = violations("""
                scenario: ../no-such.yaml
                vary:
                  topology.grace: 2s
                  app..instances: [1]
                repeat: 0
                tradeoff: {x: p99Seconds, y: happiness}
                colour: red
                """);

        assertThat(v).extracting(Violation::toString).contains(
                "s.yaml:1: scenario: no such file: " + SWEEPS.resolve("../no-such.yaml").normalize(),
                "s.yaml:3: vary.topology.grace: must be a list of values, e.g. [2s, 10s]",
                "s.yaml:5: repeat: must be a whole number >= 1",
                "s.yaml:7: colour: unknown key (a sweep file has scenario, prompt, vary, set, repeat, tradeoff)");
        assertThat(v).anySatisfy(x -> assertThat(x.toString()).startsWith("s.yaml:4: vary.app..instances: "));
        assertThat(v).anySatisfy(x -> assertThat(x.toString())
                .startsWith("s.yaml:6: tradeoff.y: 'happiness' is not a figure"));
    }

    @Test
    void parse_withoutVary_saysWhatIsMissing() {
        assertThat(violations("scenario: ../skewed-keys.yaml\n")).extracting(Violation::path).containsExactly("vary");
    }

    @Test
    void apply_valueThatDoesNotValidate_isReportedAtItsLine() {
        SweepFile f = SweepFile.parse("""
                scenario: ../late-orders-grace-tradeoff.yaml
                vary:
                  topology.grace:
                    - 2s
                    - banana
                """, "s.yaml", SWEEPS);

        assertThatThrownBy(() -> f.apply(Files.readString(f.scenario()), "late-orders-grace-tradeoff"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString).singleElement().asString()
                        .startsWith("s.yaml:5: vary.topology.grace[1]: 'banana' does not validate: topology.grace:"));
    }

    @Test
    void apply_setRemovesAutoscaleAndFaults_scenarioHasNeither() throws Exception {
        SweepFile f = SweepFile.parse("""
                scenario: ../ingest-10x-step.yaml
                vary: {app.instances: [1, 2]}
                set: {faults: [], app.autoscale: null}
                """, "s.yaml", SWEEPS);

        String yaml = f.apply(Files.readString(f.scenario()), "ingest-10x-step");

        var scenario = ScenarioLoader.parse(yaml, "x", "ingest-10x-step");
        assertThat(scenario.faults()).isEmpty();
        assertThat(scenario.app().autoscale()).isNull();
    }

    @Test
    void apply_removingAKeyThatIsNotThere_isReportedAtTheSetLine() {
        SweepFile f = SweepFile.parse("""
                scenario: ../skewed-keys.yaml
                vary: {topics.partitions: [1, 3]}
                set:
                  app.autoscale: null
                """, "s.yaml", SWEEPS);

        assertThatThrownBy(() -> f.apply(Files.readString(f.scenario()), "skewed-keys"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString)
                        .containsExactly("s.yaml:4: set.app.autoscale: app has no key 'autoscale' to remove"));
    }

    @Test
    void isSweepFile_scenarioFile_isNot() throws Exception {
        assertThat(SweepFile.isSweepFile(Files.readString(Path.of("../scenarios/skewed-keys.yaml")))).isFalse();
        assertThat(SweepFile.isSweepFile("scenario: ../skewed-keys.yaml\nvary: {}\n")).isTrue();
    }
}

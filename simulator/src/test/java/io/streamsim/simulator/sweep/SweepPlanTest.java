package io.streamsim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

    private static final Path FILE = Path.of("../scenarios/late-orders-grace-tradeoff.yaml");
    private static final String NAME = "late-orders-grace-tradeoff";

    private static String yaml() throws IOException {
        return Files.readString(FILE);
    }

    private static List<String> problems(List<Vary> varies) throws IOException {
        try {
            SweepPlan.of(yaml(), FILE.toString(), NAME, varies, 1);
        } catch (SweepPlan.SweepException e) {
            return e.problems();
        }
        throw new AssertionError("no problem found");
    }

    @Test
    void of_graceTwoValues_twoRunsEachWithItsGraceAndTheRestUnchanged() throws Exception {
        SweepPlan plan = SweepPlan.of(yaml(), FILE.toString(), NAME, List.of(Vary.parse("topology.grace=2s,10s")), 1);

        assertThat(plan.runs()).hasSize(2);
        assertThat(plan.runs().get(0).scenario().topology().grace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.runs().get(1).scenario().topology().grace()).isEqualTo(Duration.ofSeconds(10));
        var original = ScenarioLoader.load(FILE);
        assertThat(plan.runs().get(1).scenario().seed()).isEqualTo(original.seed());
        assertThat(plan.runs().get(1).scenario().timeline().totalEvents())
                .isEqualTo(original.timeline().totalEvents());
        assertThat(plan.runs().get(1).values()).containsEntry("topology.grace", "10s");
    }

    @Test
    void of_twoPathsAndRepeat_cartesianProductFirstPathSlowestEachRepeated() throws Exception {
        SweepPlan plan = SweepPlan.of(yaml(), FILE.toString(), NAME, List.of(Vary.parse("topology.grace=2s,10s"),
                Vary.parse("topics.partitions=3,6,12")), 2);

        assertThat(plan.runs()).hasSize(12);
        assertThat(plan.runs()).extracting(SweepPlan.PlannedRun::label).startsWith(
                "topology.grace=2s, topics.partitions=3", "topology.grace=2s, topics.partitions=3",
                "topology.grace=2s, topics.partitions=6");
        assertThat(plan.runs()).extracting(SweepPlan.PlannedRun::repetition).startsWith(1, 2, 1, 2);
        assertThat(plan.runs().get(11).scenario().topics().partitions()).isEqualTo(12);
    }

    @Test
    void of_ratePhaseByIndex_setsThatPhaseOnly() throws Exception {
        SweepPlan plan = SweepPlan.of(yaml(), FILE.toString(), NAME, List.of(Vary.parse("rate[2].eventsPerSecond=500")), 1);

        String edited = plan.runs().get(0).yaml();
        assertThat(ScenarioLoader.parse(edited, "x", NAME).rate().get(2).toString()).contains("500");
        assertThat(ScenarioLoader.parse(edited, "x", NAME).rate().get(0).toString()).contains("3000");
    }

    @Test
    void of_unknownKey_isTheLoadersViolationWithThePath() throws Exception {
        assertThat(problems(List.of(Vary.parse("topology.gracee=2s")))).singleElement().asString()
                .contains("topology.gracee").contains("unknown key");
    }

    @Test
    void of_indexBeyondTheList_namesThePathAndTheListsLength() throws Exception {
        assertThat(problems(List.of(Vary.parse("rate[5].eventsPerSecond=3")))).containsExactly(
                "rate[5].eventsPerSecond: rate has 3 item(s), so no [5] (indexes start at 0)");
    }

    @Test
    void of_keyUnderAScalar_namesThePathAndWhatIsThere() throws Exception {
        assertThat(problems(List.of(Vary.parse("topology.window.tumbling.size=1")))).containsExactly(
                "topology.window.tumbling.size: topology.window.tumbling is the value '5s', not a mapping with key "
                        + "'size'");
    }

    @Test
    void of_valueThatDoesNotValidate_namesTheCombinationThePathAndTheReason() throws Exception {
        assertThat(problems(List.of(Vary.parse("topology.grace=2s,banana")))).singleElement().asString()
                .startsWith("with topology.grace=banana: topology.grace: 'banana' is not a duration");
    }

    @Test
    void of_valueBreakingARuleAcrossSections_isCaughtPerCombination() throws Exception {
        assertThat(problems(List.of(Vary.parse("topics.partitions=0")))).singleElement().asString()
                .startsWith("with topics.partitions=0: topics.partitions");
    }

    @Test
    void parse_withoutEquals_orEmptyValue_orMalformedPath_isAnError() {
        assertThatThrownBy(() -> Vary.parse("topology.grace")).hasMessageContaining("not PATH=V1,V2,...");
        assertThatThrownBy(() -> Vary.parse("topology.grace=2s,,3s")).hasMessage(
                "topology.grace: an empty value in '2s,,3s'");
        assertThatThrownBy(() -> Vary.parse("topology..grace=2s")).hasMessageContaining("'' is not a key");
        assertThatThrownBy(() -> Vary.parse("rate[x]=2")).hasMessageContaining("'rate[x]' is not a key");
        assertThatThrownBy(() -> Vary.parse("topology.grace=2s,2s")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> Vary.parse("[0].x=2")).hasMessageContaining("'[0]' is not a key");
    }

    @Test
    void of_repeatZero_isAnError() throws Exception {
        assertThatThrownBy(() -> SweepPlan.of(yaml(), FILE.toString(), NAME, List.of(Vary.parse("app.instances=1")), 0))
                .hasMessageContaining("--repeat: must be at least 1");
    }

    @Test
    void set_stepOptionInsideAList_editsThatStep() {
        String yaml = "a:\n  steps:\n    - dedup: {within: 1m}\n    - window: {tumbling: 5s}\n";

        String edited = ScenarioEdit.of(yaml).set("a.steps[1].window.tumbling", "10s").yaml();

        assertThat(edited).contains("tumbling: 10s").contains("within: 1m");
    }
}

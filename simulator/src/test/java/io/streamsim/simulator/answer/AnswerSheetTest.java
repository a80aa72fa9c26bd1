package io.streamsim.simulator.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.report.ReportFixtures;
import io.streamsim.simulator.run.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerSheetTest {

    private static Scenario scenario(String when) {
        return ScenarioLoader.parse(ReportFixtures.YAML.replace("latency.p99Seconds < 5 and checks.drained == true",
                when), "test", "report-demo", SummaryFigures.RUN_SUMMARY);
    }

    private static List<AnswerSheet.Line> answer(String when) {
        Scenario s = scenario(when);
        return AnswerSheet.of(s.points(), ReportFixtures.summary(s));
    }

    @Test
    void of_conditionHolds_printsTheThenBranch() {
        AnswerSheet.Line line = answer("latency.p99Seconds < 10 and checks.drained == true").get(2);

        assertThat(line.kind()).isEqualTo(AnswerSheet.Kind.CONCLUDED);
        assertThat(line.text()).isEqualTo("Fast: p99 9.36s.");
    }

    @Test
    void of_conditionFails_printsTheElseBranch() {
        assertThat(answer("latency.p99Seconds < 9 or phases.1.sentPerSecond < 0.5 * phases.1.targetEventsPerSecond")
                .get(2).text()).isEqualTo("Slow: p99 9.36s, 17 dropped by the oracle.");
    }

    @Test
    void of_aFigureNullInThisRun_readsNotMeasuredAndTheConditionIsUndecided() {
        Scenario s = scenario("phases.0.lagDrainedAfterEndSeconds < 5");

        List<AnswerSheet.Line> lines = AnswerSheet.of(s.points(), ReportFixtures.summary(s));

        assertThat(lines.get(2).kind()).isEqualTo(AnswerSheet.Kind.UNDECIDED);
        assertThat(lines.get(2).text()).isEqualTo("Not decided: whether phases.0.lagDrainedAfterEndSeconds < 5 (not"
                + " measured in this run: phases.0.lagDrainedAfterEndSeconds).");
        assertThat(lines.get(0).kind()).isEqualTo(AnswerSheet.Kind.STATED);
    }

    @Test
    void print_theAnswerUnderThePrompt_onePointALine() {
        Scenario s = scenario("latency.p99Seconds < 5");
        RunSummary summary = ReportFixtures.summary(s);
        StringWriter text = new StringWriter();

        AnswerSheet.print(new PrintWriter(text), s.prompt(), AnswerSheet.of(s.points(), summary));

        assertThat(text.toString().lines().toList()).containsExactly("",
                "Answer to \"Describe how to handle late-arriving data <at scale>.\":",
                "  - p99 was 9.36s with 17 dropped late.",
                "  - The kill at 12s: lag back after 8.5s.",
                "  - Slow: p99 9.36s, 17 dropped by the oracle.");
    }
}

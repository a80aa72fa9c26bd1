package io.streamsim.model.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.model.scenario.Violation;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TalkingPointsLoadTest {

    private static final String HEAD = """
            name: demo
            seed: 1
            events: {type: orders, keys: 10}
            rate: [{for: 10s, eventsPerSecond: 100}]
            topology: {window: {tumbling: 10s}}
            """;

    /** Knows a few figures; {@code verdict} is text. */
    private static final FigureCatalog CATALOG = (path, number) -> {
        if (!Set.of("latency.p99Seconds", "lag.peakRecords", "verdict").contains(path)) {
            return Optional.of("no such figure");
        }
        return number && path.equals("verdict") ? Optional.of("is text") : Optional.empty();
    };

    private static Scenario load(String points) {
        return ScenarioLoader.parse(HEAD + points, "demo.yaml", "demo", CATALOG);
    }

    @Test
    void load_sentenceAndConditional_becomeTextAndConditional() {
        Scenario s = load("""
                talkingPoints:
                  - "p99 {latency.p99Seconds}s"
                  - when: "lag.peakRecords < 1000"
                    then: "kept up ({lag.peakRecords})"
                    else: "fell behind ({lag.peakRecords})"
                """);

        assertThat(s.points()).hasSize(2);
        assertThat(s.points().get(0)).isEqualTo(new TalkingPoint.Text("p99 {latency.p99Seconds}s"));
        TalkingPoint.Conditional c = (TalkingPoint.Conditional) s.points().get(1);
        assertThat(c.when().toString()).isEqualTo("lag.peakRecords < 1000");
        assertThat(c.otherwise().quoted()).containsExactly("lag.peakRecords");
        assertThat(s.talkingPoints().get(1))
                .isEqualTo("when lag.peakRecords < 1000: kept up ({lag.peakRecords}) | else: fell behind ({lag.peakRecords})");
    }

    @Test
    void load_badCondition_isAViolationAtTheWhenLineWithItsPath() {
        assertThatThrownBy(() -> load("""
                talkingPoints:
                  - "p99 {latency.p99Seconds}s"
                  - when: "lag.peakRecords <"
                    then: "a"
                    else: "b"
                """)).isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.violations())
                .extracting(Violation::path, Violation::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("talkingPoints[1].when", 8)))
                .hasMessageContaining("expected a figure or a number after '<', found the end");
    }

    @Test
    void load_unknownFigures_areViolationsWithPathAndLine_allOfThemAtOnce() {
        assertThatThrownBy(() -> load("""
                talkingPoints:
                  - "p99 {latency.p999Seconds}s"
                  - when: "verdict == 1"
                    then: "x {lag.peakRecords}"
                    else: "y {nope}"
                """)).isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.violations())
                .extracting(Violation::path, Violation::line, Violation::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("talkingPoints[0]", 7, "{latency.p999Seconds}: no such figure"),
                        org.assertj.core.groups.Tuple.tuple("talkingPoints[1].when", 8, "{verdict}: is text"),
                        org.assertj.core.groups.Tuple.tuple("talkingPoints[1].else", 10, "{nope}: no such figure")));
    }

    @Test
    void load_pointsThatQuoteNoFigure_isAMissingPlaceholderViolation() {
        assertThatThrownBy(() -> load("""
                talkingPoints:
                  - "Kafka absorbs the burst."
                  - when: "lag.peakRecords < 1000"
                    then: "kept up"
                    else: "fell behind"
                """)).hasMessageContaining("demo.yaml:7: talkingPoints: missing placeholder");
    }

    @Test
    void load_conditionalWithoutElseOrWithAnUnknownKey_isAViolation() {
        assertThatThrownBy(() -> load("""
                talkingPoints:
                  - "p99 {latency.p99Seconds}s"
                  - when: "lag.peakRecords < 1000"
                    then: "kept up"
                    otherwise: "fell behind"
                """)).hasMessageContaining("talkingPoints[1].else: is required")
                .hasMessageContaining("talkingPoints[1].otherwise: unknown key (allowed here: else, then, when)");
    }

    @Test
    void load_withoutACatalog_takesAnyNameAndAPointWithoutFigures() {
        Scenario s = ScenarioLoader.parse(HEAD + "talkingPoints: [\"just words {whatever.this.is}\"]", "demo.yaml",
                "demo");

        assertThat(s.points()).containsExactly(new TalkingPoint.Text("just words {whatever.this.is}"));
    }

    @Test
    void quoted_bracesAroundAnythingButAPath_arePlainText() {
        assertThat(new TalkingPoint.Text("records.dropped{reason=duplicate} and {a.0.b}").quoted())
                .containsExactly("a.0.b");
    }
}

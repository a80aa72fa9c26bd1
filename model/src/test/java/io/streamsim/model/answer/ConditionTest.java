package io.streamsim.model.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private final Map<String, Double> figures = new HashMap<>(Map.of(
            "throughput.minSentPerSecond", 24_000.0,
            "phases.1.targetEventsPerSecond", 40_000.0,
            "phases.1.sentPerSecond", 39_900.0,
            "latency.maxScheduleLagSeconds", 0.2,
            "checks.drained", 1.0));

    private Truth eval(String condition) {
        return Condition.parse(condition).evaluate(figures::get);
    }

    @Test
    void evaluate_figureAgainstAFactorTimesAFigure_comparesTheProduct() {
        assertThat(eval("throughput.minSentPerSecond >= 0.95 * phases.1.targetEventsPerSecond")).isEqualTo(Truth.FALSE);
        assertThat(eval("phases.1.sentPerSecond >= 0.95 * phases.1.targetEventsPerSecond")).isEqualTo(Truth.TRUE);
        assertThat(eval("phases.1.targetEventsPerSecond * 0.5 < throughput.minSentPerSecond")).isEqualTo(Truth.TRUE);
    }

    @Test
    void evaluate_andBindsTighterThanOr_parenthesesOverrideIt() {
        assertThat(eval("latency.maxScheduleLagSeconds > 1 and checks.drained == true or 40_000 == "
                + "phases.1.targetEventsPerSecond")).isEqualTo(Truth.TRUE);
        assertThat(eval("latency.maxScheduleLagSeconds > 1 and (checks.drained == true or 40000 == "
                + "phases.1.targetEventsPerSecond)")).isEqualTo(Truth.FALSE);
    }

    @Test
    void evaluate_everyOperator_decidesAsWritten() {
        assertThat(eval("latency.maxScheduleLagSeconds < 0.2")).isEqualTo(Truth.FALSE);
        assertThat(eval("latency.maxScheduleLagSeconds <= 0.2")).isEqualTo(Truth.TRUE);
        assertThat(eval("latency.maxScheduleLagSeconds > 0.2")).isEqualTo(Truth.FALSE);
        assertThat(eval("latency.maxScheduleLagSeconds >= 0.2")).isEqualTo(Truth.TRUE);
        assertThat(eval("checks.drained != false")).isEqualTo(Truth.TRUE);
        assertThat(eval("checks.drained == 0")).isEqualTo(Truth.FALSE);
    }

    @Test
    void evaluate_aFigureNotMeasured_isUndecidedUnlessTheOtherSideDecides() {
        figures.put("faults.0.lagRecoveredAfterSeconds", null);

        assertThat(eval("faults.0.lagRecoveredAfterSeconds < 10")).isEqualTo(Truth.UNDECIDED);
        assertThat(eval("faults.0.lagRecoveredAfterSeconds < 10 and checks.drained == 1")).isEqualTo(Truth.UNDECIDED);
        assertThat(eval("faults.0.lagRecoveredAfterSeconds < 10 and checks.drained == 0")).isEqualTo(Truth.FALSE);
        assertThat(eval("faults.0.lagRecoveredAfterSeconds < 10 or checks.drained == 1")).isEqualTo(Truth.TRUE);
        figures.put("x.nan", Double.NaN);
        assertThat(eval("x.nan > 0")).isEqualTo(Truth.UNDECIDED);
    }

    @Test
    void figures_listsEveryOperandPathInOrder() {
        assertThat(Condition.parse("a.b > 0.5 * c.d or (e == 1 and 2 < f.0.g)").figures())
                .containsExactly("a.b", "c.d", "e", "f.0.g");
    }

    @Test
    void toString_readsBackToTheSameCondition() {
        Condition c = Condition.parse("(a > 1 or b < 2) and c >= 0.95 * d");
        assertThat(c.toString()).isEqualTo("(a > 1 or b < 2) and c >= 0.95 * d");
        assertThat(Condition.parse(c.toString())).isEqualTo(c);
    }

    @Test
    void parse_badConditions_sayWhatWasExpectedAndWhere() {
        assertThatThrownBy(() -> Condition.parse("latency.p99Seconds 5"))
                .hasMessage("expected a comparison (<, <=, >, >=, ==, !=) after 'latency.p99Seconds', found '5'"
                        + " (column 20)");
        assertThatThrownBy(() -> Condition.parse("a > "))
                .hasMessage("expected a figure or a number after '>', found the end (column 5)");
        assertThatThrownBy(() -> Condition.parse("(a > 1 and b < 2"))
                .hasMessage("expected ')' or 'and'/'or', found the end (column 17)");
        assertThatThrownBy(() -> Condition.parse("a > 1 b < 2"))
                .hasMessageStartingWith("expected 'and', 'or' or the end after 'a > 1', found 'b'");
        assertThatThrownBy(() -> Condition.parse("1 < 2")).hasMessageContaining("at least one side must name a figure");
        assertThatThrownBy(() -> Condition.parse("a * b > 1")).hasMessageContaining("expected a number after '*'");
        assertThatThrownBy(() -> Condition.parse("  ")).hasMessageContaining("the condition is empty");
        assertThatThrownBy(() -> Condition.parse("a > 1 and")).isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("found the end");
    }
}

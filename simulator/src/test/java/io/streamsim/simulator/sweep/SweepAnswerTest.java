package io.streamsim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepAnswerTest {

    private static final SweepFile.TradeOff GRACE = new SweepFile.TradeOff("p99Seconds", "droppedLateFraction");

    /** A synthetic run: only the figures the answer reads differ, the rest is fixed. */
    private static SweepRow row(int n, String grace, int repetition, double dropped, double p99, double processed) {
        return row(n, Map.of("topology.grace", grace), repetition, dropped, p99, processed);
    }

    private static SweepRow row(int n, Map<String, String> values, int repetition, double dropped, double p99,
                                double processed) {
        return new SweepRow(n, values, repetition, "runs/r" + n, "completed", 3000, processed, 4000, 1200, 2.0,
                p99 / 2, p99, dropped, null, null, null, null, null);
    }

    private static SweepResult result(int repeat, List<SweepRow> rows, boolean complete) {
        return new SweepResult("late", "How much grace?", 7,
                List.of(new Vary("topology.grace", List.of("2s", "5s", "10s"))), repeat, Instant.EPOCH,
                Instant.EPOCH, complete, 3 * repeat, null, rows, GRACE);
    }

    @Test
    void sentences_singleRunsThatMoved_stateTheTradeOffWithTheFigures() {
        List<String> s = SweepAnswer.sentences(result(1, List.of(row(1, "2s", 1, 0.036, 9.8, 3000),
                row(2, "5s", 1, 0.010, 10.2, 3000), row(3, "10s", 1, 0.0045, 11.4, 3010)), true));

        assertThat(s.get(0)).isEqualTo("topology.grace 2s -> 10s: dropped-late 3.6% -> 0.45% (most between 2s and"
                + " 5s); p99 9.8 s -> 11.4 s (most between 5s and 10s).");
        assertThat(s.get(1)).startsWith("No change beyond the tolerance: processed 3,000/s -> 3,010/s");
        assertThat(s).contains("Trade-off: topology.grace 2s -> 10s: dropped-late 3.6% -> 0.45% for p99 9.8 s"
                + " -> 11.4 s.");
        assertThat(s.get(s.size() - 1)).contains("Single runs: a change under 10%");
    }

    @Test
    void sentences_singleRunsWithinTolerance_sayNoTradeOff() {
        List<String> s = SweepAnswer.sentences(result(1, List.of(row(1, "2s", 1, 0.0100, 10.0, 3000),
                row(2, "10s", 1, 0.0105, 10.3, 3000)), true));

        assertThat(s.get(0)).isEqualTo("topology.grace 2s -> 10s: no figure changed.");
        assertThat(s).contains("No trade-off measured: neither dropped-late nor p99 changed beyond the tolerance.");
    }

    @Test
    void sentences_repeatedRunsOverlapping_sayNoChangeBeyondSpread() {
        List<String> s = SweepAnswer.sentences(result(2, List.of(
                row(1, "2s", 1, 0.030, 9.0, 3000), row(2, "2s", 2, 0.036, 12.0, 3000),
                row(3, "10s", 1, 0.004, 10.0, 3000), row(4, "10s", 2, 0.005, 11.0, 3000)), true));

        assertThat(s.get(0)).isEqualTo("topology.grace 2s -> 10s: dropped-late 3.3% [3.0%..3.6%] -> 0.45%"
                + " [0.40%..0.50%].");
        assertThat(s.get(1)).startsWith("No change beyond run-to-run spread: p99 10.5 s [9.0 s..12.0 s] -> 10.5 s"
                + " [10.0 s..11.0 s]");
        assertThat(s).contains("No trade-off measured: topology.grace 2s -> 10s moved dropped-late (better) and"
                + " left p99 within run-to-run spread.");
    }

    @Test
    void sentences_repeatedRunsApart_stateTheChange() {
        List<String> s = SweepAnswer.sentences(result(2, List.of(
                row(1, "2s", 1, 0.03, 9.0, 3000), row(2, "2s", 2, 0.03, 9.5, 3000),
                row(3, "10s", 1, 0.004, 11.0, 3000), row(4, "10s", 2, 0.004, 11.5, 3000)), true));

        assertThat(s).contains("Trade-off: topology.grace 2s -> 10s: dropped-late 3.0% [3.0%..3.0%] -> 0.40%"
                + " [0.40%..0.40%] for p99 9.3 s [9.0 s..9.5 s] -> 11.3 s [11.0 s..11.5 s].");
    }

    @Test
    void sentences_oneValueRan_saysThereIsNoAnswer() {
        List<String> s = SweepAnswer.sentences(result(1, List.of(row(1, "2s", 1, 0.03, 9, 3000)), false));

        assertThat(s.get(0)).isEqualTo("Not enough runs for an answer on topology.grace: only 2s ran.");
        assertThat(s).contains("Incomplete sweep: 1 of 3 runs.");
    }

    @Test
    void sentences_twoVariedPaths_answerEachOverTheSliceWhereTheOtherIsAtItsFirstValue() {
        List<SweepRow> rows = new ArrayList<>();
        int n = 0;
        for (String instances : List.of("1", "2")) {
            for (String grace : List.of("2s", "10s")) {
                boolean two = instances.equals("2");
                double dropped = grace.equals("2s") ? 0.03 : 0.004;
                double p99 = (grace.equals("2s") ? 9.0 : 11.0) - (two ? 6.0 : 0);
                rows.add(row(++n, Map.of("topology.grace", grace, "app.instances", instances), 1, dropped, p99,
                        two ? 3000 : 2900));
            }
        }
        SweepResult grid = new SweepResult("late", "Grace and instances?", 7, List.of(
                new Vary("topology.grace", List.of("2s", "10s")), new Vary("app.instances", List.of("1", "2"))),
                1, Instant.EPOCH, Instant.EPOCH, true, 4, null, rows, GRACE);

        List<String> s = SweepAnswer.sentences(grid);

        assertThat(s).contains("Trade-off: topology.grace 2s -> 10s (at app.instances 1): dropped-late 3.0% ->"
                + " 0.40% for p99 9.0 s -> 11.0 s.");
        assertThat(s).contains("No trade-off measured: app.instances 1 -> 2 (at topology.grace 2s) moved p99"
                + " (better) and left dropped-late within the tolerance.");
        assertThat(s.get(s.size() - 1)).contains("Single runs");
    }

    @Test
    void sentences_incompleteSweep_answersOverTheValuesThatRanAndSaysSo() {
        List<SweepRow> rows = new ArrayList<>(List.of(row(1, "2s", 1, 0.03, 9, 3000),
                row(2, "5s", 1, 0.01, 10, 3000)));

        List<String> s = SweepAnswer.sentences(result(1, rows, false));

        assertThat(s.get(0)).startsWith("topology.grace 2s -> 5s: dropped-late 3.0% -> 1.0%");
        assertThat(s).contains("Incomplete sweep: 2 of 3 runs.");
    }

    @Test
    void sentences_singleRunsUpAndDown_sayNoTrendInsteadOfAChange() {
        List<String> s = SweepAnswer.sentences(result(1, List.of(row(1, "2s", 1, 0.036, 9.8, 3000),
                row(2, "5s", 1, 0.010, 4.0, 3000), row(3, "10s", 1, 0.0045, 11.4, 3000)), true));

        assertThat(s.get(0)).isEqualTo("topology.grace 2s -> 10s: dropped-late 3.6% -> 0.45% (most between 2s and"
                + " 5s).");
        assertThat(s).contains("Up and down, no trend (a step back beyond the tolerance): p99 9.8 s, 4.0 s, 11.4 s.");
        assertThat(s).contains("No trade-off measured: topology.grace 2s -> 10s moved dropped-late (better) and left"
                + " p99 without a trend.");
    }

    @Test
    void format_tinyFraction_isLessThanAHundredthOfAPercentNotZero() {
        assertThat(SweepAnswer.format("droppedLateFraction", 0.0000333)).isEqualTo("<0.01%");
        assertThat(SweepAnswer.format("droppedLateFraction", 0)).isEqualTo("0%");
        assertThat(SweepAnswer.format("processedPerSecond", 2926.5)).isEqualTo("2,927/s");
    }

    @Test
    void sentences_noTradeOffNamed_usesTheChartsDefaultDroppedLateAgainstP99() {
        SweepResult named = result(1, List.of(row(1, "2s", 1, 0.036, 9.8, 3000),
                row(2, "10s", 1, 0.0045, 11.4, 3000)), true);
        SweepResult unnamed = new SweepResult(named.scenario(), named.prompt(), named.seed(), named.varies(), 1,
                Instant.EPOCH, Instant.EPOCH, true, 3, null, named.runs());

        assertThat(SweepAnswer.sentences(unnamed)).contains("Trade-off: topology.grace 2s -> 10s: dropped-late 3.6%"
                + " -> 0.45% for p99 9.8 s -> 11.4 s.");
    }

    @Test
    void sentences_guaranteeCostingCpuOnly_saysTheCpuPerEventAndNoTradeOff() {
        List<SweepRow> rows = List.of(
                new SweepRow(1, Map.of("topology.guarantee", "at_least_once"), 1, "runs/r1", "completed", 3000,
                        3000, 4000, 1200, 2.0, 1.0, 2.0, null, null, null, null, null, null, 31.4),
                new SweepRow(2, Map.of("topology.guarantee", "exactly_once_v2"), 1, "runs/r2", "completed", 3000,
                        3000, 4000, 1200, 2.0, 1.0, 2.05, null, null, null, null, null, null, 47.0));
        SweepResult sweep = new SweepResult("guarantee", "What does exactly-once cost?", 7,
                List.of(new Vary("topology.guarantee", List.of("at_least_once", "exactly_once_v2"))), 1,
                Instant.EPOCH, Instant.EPOCH, true, 2, null, rows,
                new SweepFile.TradeOff("appCpuMicrosPerEvent", "p99Seconds"));

        List<String> s = SweepAnswer.sentences(sweep);

        assertThat(s.get(0)).isEqualTo("topology.guarantee at_least_once -> exactly_once_v2: app CPU per event"
                + " 31.4 µs -> 47.0 µs.");
        assertThat(s).contains("No trade-off measured: topology.guarantee at_least_once -> exactly_once_v2 moved"
                + " app CPU per event (worse) and left p99 within the tolerance.");
    }
}

package io.streamsim.simulator.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryFiguresTest {

    private final SummaryFigures figures = SummaryFigures.RUN_SUMMARY;

    @Test
    void patterns_comeFromTheRecordComponents_listsAsIndicesAndNestedRecordsAsSections() {
        assertThat(figures.patterns()).contains("latency.p99Seconds", "phases.#.sentPerSecond",
                "faults.#.lagRecoveredAfterSeconds", "oracle.counts.windowsMissing", "catchUps.#.backfill.acked",
                "stageSkew.stages.#.maxPartitionShare", "eventTimeOrigin");
        assertThat(figures.patterns()).noneMatch(p -> p.startsWith("talkingPoints"));
    }

    @Test
    void problem_knownFigures_none() {
        assertThat(figures.problem("latency.p99Seconds", true)).isEmpty();
        assertThat(figures.problem("phases.1.targetEventsPerSecond", true)).isEmpty();
        assertThat(figures.problem("checks.drained", true)).isEmpty();
        assertThat(figures.problem("oracle.verdict", false)).isEmpty();
    }

    @Test
    void problem_unknownName_namesTheNearestFiguresWithTheIndexAsWritten() {
        assertThat(figures.problem("latency.p999Seconds", false)).get().asString()
                .startsWith("no such figure in summary.json; nearest: latency.p99Seconds");
        assertThat(figures.problem("phases.2.sentPerSec", false)).get().asString()
                .contains("phases.2.sentPerSecond");
    }

    @Test
    void problem_sectionListOrTextWhereANumberIsNeeded_saysWhatItIs() {
        assertThat(figures.problem("latency", false)).get().asString()
                .startsWith("names a section of summary.json, not one figure; its figures include: latency.results");
        assertThat(figures.problem("phases.sentPerSecond", false)).get().asString()
                .isEqualTo("'phases' is a list: name an item by its index, e.g. phases.0");
        assertThat(figures.problem("oracle.verdict", true)).get().asString().startsWith("is text, not a number");
        assertThat(figures.problem("latency.p99Seconds.x", false)).get().asString()
                .isEqualTo("'latency.p99Seconds' is a single figure, it has no 'x'");
    }
}

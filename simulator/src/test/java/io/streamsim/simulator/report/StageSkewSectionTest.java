package io.streamsim.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.StageSkewFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageSkewSectionTest {

    private static RunSummary with(StageSkewFigures stageSkew) {
        RunSummary s = ReportFixtures.summary(ReportFixtures.scenario());
        return new RunSummary(s.scenario(), s.seed(), s.prompt(), s.completed(), s.outcome(), s.startedAt(),
                s.finishedAt(), s.eventTimeOrigin(), s.versions(), s.target(), s.topics(), s.totals(), s.checks(),
                s.throughput(), s.latency(), s.lag(), s.oracle(), s.phases(), s.faults(), s.expectations(),
                s.talkingPoints(), List.of(), null, null, null, stageSkew);
    }

    @Test
    void append_saltedTwoStages_namesEachTopicShareAndTheSecondStagesCost() {
        StageSkewFigures f = new StageSkewFigures(8, List.of(
                new StageSkewFigures.Stage("stage 1", "app-by-sellerId-repartition", List.of(340L, 330L, 330L), 1000,
                        90_000, 0.34, 0, 120, 2, 14.0),
                new StageSkewFigures.Stage("stage 2", "app-by-sellerId-unsalted-repartition", List.of(10L, 70L, 20L),
                        100, 6_400, 0.7, 1, 0, -1, 0)));
        StringBuilder b = new StringBuilder();

        StageSkewSection.append(b, with(f));

        assertThat(b.toString()).contains("Skew per stage (salted x8)")
                .contains("stage 1: app-by-sellerId-repartition records / bytes").contains("1000 / 90000")
                .contains("34.0% (p0; even: 33.3%)").contains("120 (p2 at 14")
                .contains("stage 2: app-by-sellerId-unsalted-repartition records / bytes").contains("100 / 6400")
                .contains("70.0% (p1; even: 33.3%)");
    }

    @Test
    void append_noGroupBy_writesNothing() {
        StringBuilder b = new StringBuilder();

        StageSkewSection.append(b, with(null));

        assertThat(b.toString()).isEmpty();
    }
}

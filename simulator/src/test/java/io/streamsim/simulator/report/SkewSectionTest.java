package io.streamsim.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.run.ReferenceFigures;
import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.SkewFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkewSectionTest {

    private static RunSummary with(ReferenceFigures reference, SkewFigures skew) {
        RunSummary s = ReportFixtures.summary(ReportFixtures.scenario());
        return new RunSummary(s.scenario(), s.seed(), s.prompt(), s.completed(), s.outcome(), s.startedAt(),
                s.finishedAt(), s.eventTimeOrigin(), s.versions(), s.target(), s.topics(), s.totals(), s.checks(),
                s.throughput(), s.latency(), s.lag(), s.oracle(), s.phases(), s.faults(), s.expectations(),
                s.talkingPoints(), List.of(), null, reference, skew);
    }

    @Test
    void append_hotPartitionAndThreads_namesTheShareTheEvenShareAndEachThread() {
        SkewFigures skew = new SkewFigures(List.of(100L, 700L, 200L), 0.7, 1, 5000, 1, 12.0,
                List.of(new SkewFigures.ThreadBusy("app-instance-1/StreamThread-1", 20, 0.9, 0.97, 0.8),
                        new SkewFigures.ThreadBusy("app-instance-1/StreamThread-2", 20, 0.1, 0.2, 0.05)), 0.9, 0.1);
        StringBuilder b = new StringBuilder();

        SkewSection.append(b, with(null, skew));

        assertThat(b.toString()).contains("<table id=\"skew\">").contains("70.0% (p1; even: 33.3%)")
                .contains("5000 (p1 at 12")
                .contains("90.0% / 10.0%").contains("app-instance-1/StreamThread-2 busy mean / max")
                .doesNotContain("Reference table");
    }

    @Test
    void append_neitherSection_writesNothing() {
        StringBuilder b = new StringBuilder();

        SkewSection.append(b, with(null, null));

        assertThat(b.toString()).isEmpty();
    }

    @Test
    void append_referenceTable_givesRowsAndUpdates() {
        StringBuilder b = new StringBuilder();

        SkewSection.append(b, with(new ReferenceFigures("t", "sellers", 50, 50, 5, 120, 0, null, null), null));

        assertThat(b.toString()).contains("Reference table sellers: rows written / updates written").contains("50 / 120");
    }
}

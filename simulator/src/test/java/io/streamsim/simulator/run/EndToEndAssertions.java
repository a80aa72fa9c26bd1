package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.report.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every end-to-end run on a real broker must show, whichever broker it ran on. */
final class EndToEndAssertions {

    private EndToEndAssertions() {
    }

    static RunSummary assertCompletedAndConsistent(RunResult result) throws IOException {
        assertThat(result.outcome()).as(result.summary().outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        Path folder = result.folder();
        assertThat(folder.resolve("summary.json")).exists();
        assertThat(folder.resolve("timeseries.csv")).exists();
        RunSummary s = RunFolder.readSummary(folder);
        RunSummary.Totals t = s.totals();

        assertThat(s.completed()).isTrue();
        assertThat(t.eventsSent()).isEqualTo(t.eventsPlanned());
        assertThat(t.recordsSent()).isEqualTo(t.eventsSent() + t.duplicatesSent());
        assertThat(t.recordsFailed()).isZero();
        assertThat(t.recordsAcked()).isEqualTo(t.recordsSent());
        assertThat(t.recordsOnInputTopic()).as("events sent equals records on the input topic").isEqualTo(t.recordsAcked());
        assertThat(t.watermarks()).isEqualTo(s.topics().partitions());
        assertThat(t.recordsProcessed()).as("every input record processed once (no crash)").isEqualTo(t.recordsOnInputTopic());
        assertThat(t.droppedLateApp()).as("the app's own late count follows Kafka's rule").isEqualTo(t.droppedLateKafka());

        RunSummary.WindowTotals w = t.windowResults();
        assertThat(w.undecodable()).isZero();
        assertThat(w.expected()).isPositive();
        assertThat(w.contributions()).as("window results sum to sent minus dropped-late").isEqualTo(w.expected());
        assertThat(w.excess()).isZero();
        assertThat(s.checks().inputMatchesAcked()).isTrue();
        assertThat(s.checks().resultsMatchInputMinusDropped()).isTrue();
        assertThat(s.checks().drained()).isTrue();
        assertThat(s.oracle()).isNotNull();
        assertThat(s.oracle().verdict()).isEqualTo("exact");
        assertThat(s.oracle().counts().windowsExpected()).isEqualTo(w.windows());
        assertThat(s.totals().droppedLateKafka()).as("the oracle's dropped-late").isEqualTo(s.oracle().counts().droppedLateExpected());
        assertThat(folder.resolve("oracle-mismatches.csv")).exists();

        assertThat(s.latency().results()).isPositive();
        assertThat(s.latency().p99Seconds()).isPositive();
        List<String> rows = Files.readAllLines(folder.resolve("timeseries.csv"));
        assertThat(rows.get(0)).startsWith("elapsed_seconds,stage,");
        assertThat(rows.size()).isGreaterThan(3);
        return s;
    }
}

package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.ScenarioRun;
import io.streamsim.simulator.cli.ExitCodes;
import io.streamsim.simulator.cli.StreamsimCli;
import io.streamsim.simulator.report.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole scenarios on the embedded real broker. */
class ScenarioRunIT {

    /** A deadline, not a wait: on a loaded machine the app JVMs can take well over a minute to catch up. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    /** A console line of the load stage with a send rate above zero (see ConsoleView). */
    private static final Pattern LOAD_SENDING = Pattern.compile("\\] load\\s+target\\s+\\d+/s\\s+sent\\s+[1-9]\\d*/s");

    @TempDir
    Path runs;

    @Test
    void run_finalEmitExactlyOnce_resultsSumToSentMinusDroppedLate() throws Exception {
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();

        int code = StreamsimCli.newCommandLine(new PrintWriter(console), new PrintWriter(err)).execute("run",
                "src/test/resources/scenarios/it-final-exactly-once.yaml", "--out", runs.toString(),
                "--metrics-port", "0", "--drain-timeout", DRAIN_TIMEOUT.toSeconds() + "s");

        assertThat(code).as(console + "\n" + err).isEqualTo(ExitCodes.OK);
        Path folder;
        try (var dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            folder = all.get(0);
        }
        assertThat(folder.getFileName().toString()).startsWith("it-final-exactly-once-");
        RunSummary s = EndToEndAssertions.assertCompletedAndConsistent(
                new RunResult(RunResult.Outcome.COMPLETED, folder, RunFolder.readSummary(folder)));
        assertThat(s.totals().droppedLateKafka()).as("the scenario's disorder drops some records").isPositive();
        assertThat(s.totals().duplicatesSent()).isPositive();
        assertThat(s.latency().p50Seconds()).as("final emit waits for window end + grace").isGreaterThanOrEqualTo(0.5);
        assertThat(console.toString()).contains("[##").contains("windows").contains("p99 e2e")
                .contains("Metrics: http://127.0.0.1:");
    }

    @Test
    void run_eagerHoppingAtLeastOnceWithReferenceUpdates_latestResultsMatchAndTheTopicHoldsTableAndUpdates()
            throws Exception {
        Path file = Path.of("src/test/resources/scenarios/it-eager-at-least-once.yaml");
        Scenario scenario = ScenarioLoader.load(file);
        RunOptions options = new RunOptions(null, Map.of(), runs, "127.0.0.1", -1, Duration.ofSeconds(10),
                DRAIN_TIMEOUT);

        RunResult result = new ScenarioRun(scenario, file, options, new PrintWriter(new StringWriter()), Clock.systemUTC()).execute();

        RunSummary s = EndToEndAssertions.assertCompletedAndConsistent(result);
        assertThat(s.totals().windowResults().outputRecords())
                .as("eager emit writes updates, more records than windows")
                .isGreaterThan(s.totals().windowResults().windows());
        assertThat(s.totals().droppedLateKafka()).isPositive();

        ReferenceFigures reference = s.reference();
        assertThat(reference.rowsWritten()).isEqualTo(50);
        assertThat(reference.updatesWritten()).as("20/s over a load of 6 s or more (the producers may fall behind)")
                .isBetween(100L, 600L);
        assertThat(reference.updatesFailed()).isZero();
        assertThat(reference.onTopic()).isEqualTo(new ReferenceFigures.OnTopic(50 + reference.updatesWritten(), 50,
                reference.updatesWritten(), 50, List.of()));

        SkewFigures skew = s.skew();
        assertThat(skew.partitionProcessed()).hasSize(3);
        assertThat(skew.partitionProcessed().stream().mapToLong(Long::longValue).sum())
                .as("committed offsets: every input record, watermarks included")
                .isEqualTo(s.totals().recordsOnInputTopic() + s.totals().watermarks() + s.totals().poisonWritten());
        // Thread figures arrive asynchronously, a second or so late: on a loaded machine a 6 s load may end before
        // they do, so the time series (drain included) is what must have them.
        String header = Files.readAllLines(result.folder().resolve("timeseries.csv")).get(0);
        assertThat(header).contains("processed_per_second_partition_0,processed_per_second_partition_1,"
                        + "processed_per_second_partition_2")
                .contains("busy_app-instance-1/StreamThread-1,busy_app-instance-1/StreamThread-2");
    }

    @Test
    void run_stopRequestedWhileSending_writesAPartialReport() throws Exception {
        Path file = Path.of("../scenarios/clickstream-baseline.yaml");
        Scenario scenario = ScenarioLoader.load(file);
        RunOptions options = new RunOptions(null, Map.of(), runs, "127.0.0.1", -1, Duration.ofSeconds(10),
                DRAIN_TIMEOUT);
        StringWriter console = new StringWriter();
        ScenarioRun run = new ScenarioRun(scenario, file, options, new PrintWriter(console), Clock.systemUTC());
        CompletableFuture<RunResult> execution = CompletableFuture.supplyAsync(() -> {
            try {
                return run.execute();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // Broker and app JVMs take a while on a loaded machine: stop once the load has sent something, not at a
        // fixed time after the start.
        await().atMost(Duration.ofMinutes(3))
                .until(() -> execution.isDone() || LOAD_SENDING.matcher(console.toString()).find());
        assertThat(execution).as("the run was still going when it had sent:\n" + console).isNotDone();
        run.requestStop();
        RunResult result = execution.get(DRAIN_TIMEOUT.toMinutes(), TimeUnit.MINUTES);

        assertThat(result.outcome()).as(console.toString()).isEqualTo(RunResult.Outcome.STOPPED);
        RunSummary s = RunFolder.readSummary(result.folder());
        assertThat(s.completed()).isFalse();
        assertThat(s.outcome()).contains("stopped by request during the load");
        assertThat(s.totals().recordsAcked()).isPositive().isLessThan(s.totals().eventsPlanned());
        assertThat(s.totals().recordsOnInputTopic()).isEqualTo(s.totals().recordsAcked());
        assertThat(Files.readAllLines(result.folder().resolve("timeseries.csv")).size()).isGreaterThan(1);
    }
}

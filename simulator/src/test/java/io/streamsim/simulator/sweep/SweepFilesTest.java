package io.streamsim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.report.ReportFixtures;
import io.streamsim.simulator.run.CpuFigures;
import io.streamsim.simulator.run.RunSummary;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFilesTest {

    @TempDir
    Path dir;

    static SweepPlan.PlannedRun planned(int number, String grace, int repetition) {
        return new SweepPlan.PlannedRun(number, Map.of("topology.grace", grace), repetition, "", null);
    }

    /** The fixture's run: 30 s of load then 5 s of drain, 17 pairs dropped late of 30000 aggregated. */
    static SweepRow row(int number, String grace, int repetition) {
        Scenario scenario = ReportFixtures.scenario();
        return SweepRow.of(planned(number, grace, repetition), "runs/r" + number, ReportFixtures.summary(scenario),
                ReportFixtures.samples(35));
    }

    static SweepResult result(boolean complete, List<SweepRow> rows) {
        return new SweepResult("report-demo", "How late is too late?", 7,
                List.of(new Vary("topology.grace", List.of("2s", "10s"))), 1, Instant.parse("2026-12-02T02:00:00Z"),
                Instant.parse("2026-12-02T02:03:00Z"), complete, 2, "127.0.0.1:9092", rows);
    }

    @Test
    void of_fixtureSummary_takesTheKeyFigures() {
        SweepRow r = row(1, "2s", 1);

        assertThat(r.sentPerSecond()).isEqualTo(4000.5);
        assertThat(r.processedPerSecond()).isEqualTo(3990.25);
        assertThat(r.peakLagRecords()).isEqualTo(4679);
        assertThat(r.drainSeconds()).isEqualTo(5.0);
        assertThat(r.p50Seconds()).isEqualTo(2.5);
        assertThat(r.p99Seconds()).isEqualTo(9.359);
        assertThat(r.droppedLateFraction()).isEqualTo(17.0 / 30017);
        assertThat(r.oracleVerdict()).isEqualTo("exact");
        assertThat(r.maxProcessingResumedSeconds()).isEqualTo(8.0);
        assertThat(r.maxLagRecoveredSeconds()).isEqualTo(8.5);
    }

    @Test
    void drainSeconds_runThatDidNotDrain_isNull() {
        RunSummary s = ReportFixtures.summary(ReportFixtures.scenario());
        RunSummary undrained = new RunSummary(s.scenario(), s.seed(), s.prompt(), false, "stopped", s.startedAt(),
                s.finishedAt(), s.eventTimeOrigin(), s.versions(), s.target(), s.topics(), s.totals(),
                new RunSummary.Checks(true, false, false), s.throughput(), s.latency(), s.lag(), null, s.phases(),
                List.of(), s.expectations(), s.talkingPoints());

        SweepRow r = SweepRow.of(planned(1, "2s", 1), "runs/r1", undrained, ReportFixtures.samples(35));

        assertThat(r.drainSeconds()).isNull();
        assertThat(r.oracleVerdict()).isNull();
        assertThat(r.maxLagRecoveredSeconds()).isNull();
    }

    @Test
    void writeCsv_oneRowPerRunWithTheVariedValuesAndFigures_emptyForUnmeasured() throws Exception {
        Path file = dir.resolve("sweep.csv");

        SweepFiles.writeCsv(file, result(true, List.of(row(1, "2s", 1), row(2, "10s", 1))));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("run,repetition,folder,topology.grace,outcome,sentPerSecond,"
                + "processedPerSecond,peakProcessedPerSecond,peakLagRecords,drainSeconds,p50Seconds,p99Seconds,"
                + "droppedLateFraction,oracleVerdict,maxProcessingResumedSeconds,maxLagRecoveredSeconds,"
                + "maxPartitionShare,maxPartitionLagRecords,appCpuMicrosPerEvent");
        assertThat(lines.get(2)).isEqualTo("2,1,runs/r2,10s,completed,4000.5,3990.25,12000,4679,5,2.5,9.359,"
                + "0.000566346,exact,8,8.5,,,");
    }

    @Test
    void writeJson_readsBackAsWritten() throws Exception {
        SweepResult written = result(false, List.of(row(1, "2s", 1)));
        Path file = dir.resolve("sweep.json");

        SweepFiles.writeJson(file, written);

        assertThat(SweepFiles.readJson(file)).isEqualTo(written);
        assertThat(Files.readString(file)).contains("\"complete\" : false").contains("\"runsPlanned\" : 2");
    }

    @Test
    void field_nullAndNaN_areEmpty_wholeNumbersPlain() {
        assertThat(SweepFiles.field(null)).isEmpty();
        assertThat(SweepFiles.field(Double.NaN)).isEmpty();
        assertThat(SweepFiles.field(12.0)).isEqualTo("12");
        assertThat(SweepFiles.field(1.0e-5)).isEqualTo("1e-05");
        assertThat(SweepFiles.field(4679L)).isEqualTo("4679");
    }

    @Test
    void of_summaryWithCpu_takesTheAppCpuPerEvent() {
        RunSummary s = ReportFixtures.withCpu(ReportFixtures.summary(ReportFixtures.scenario()),
                CpuFigures.of(Duration.ofMillis(1500), 30_000));

        SweepRow r = SweepRow.of(planned(1, "2s", 1), "runs/r1", s, ReportFixtures.samples(35));

        assertThat(r.appCpuMicrosPerEvent()).isEqualTo(50.0);
        assertThat(r.figure("appCpuMicrosPerEvent")).isEqualTo(50.0);
    }

    @Test
    void of_summaryWithoutCpu_hasNoCpuFigure() {
        assertThat(row(1, "2s", 1).appCpuMicrosPerEvent()).isNull();
    }
}

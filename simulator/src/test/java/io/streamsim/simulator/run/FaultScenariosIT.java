package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault timelines on real brokers and real child-JVM app instances, checked by the oracle. */
class FaultScenariosIT {

    @TempDir
    Path runs;

    private RunResult run(String name) throws Exception {
        return ItRun.of(Path.of("src/test/resources/scenarios/" + name + ".yaml"), runs);
    }

    private static void assertFaultsApplied(RunSummary s, int count) {
        assertThat(s.faults()).hasSize(count);
        assertThat(s.faults()).allSatisfy(f -> assertThat(f.outcome()).startsWith("ok"));
    }

    @Test
    void killMidWindow_exactlyOnce_everyWindowResultIsExact() throws Exception {
        RunResult result = run("it-crash-exactly-once");

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertFaultsApplied(s, 2);
        assertThat(s.oracle().verdict()).isEqualTo("exact");
        assertThat(s.oracle().counts().windowsExpected()).isPositive();
        assertThat(s.checks().inputMatchesAcked()).isTrue();
        assertThat(s.expectationsMet()).isTrue();
        RunSummary.FaultRecovery kill = s.faults().get(0);
        assertThat(kill.fault()).isEqualTo("kill app-instance-1");
        assertThat(kill.stalledPartitions()).as("the dead instance's partitions stall until the session times out")
                .isPositive();
        assertThat(kill.rebalances()).isPositive();
        assertThat(kill.lagRecoveredAfterSeconds()).isNotNull();
        assertThat(Files.readString(result.folder().resolve("timeseries.csv"))).contains("kill app-instance-1");
    }

    @Test
    void killMidWindow_atLeastOnce_theOracleCountsWhatWasCountedTwiceAndNothingIsLost() throws Exception {
        RunResult result = run("it-crash-at-least-once");

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertFaultsApplied(s, 2);
        assertThat(s.oracle().counts().noLoss()).as(s.oracle().verdict()).isTrue();
        assertThat(s.oracle().counts().contributionsCountedTwice())
                .as("replay after the crash re-adds records the changelog already holds").isPositive();
        assertThat(s.oracle().counts().contributionsMissing()).isZero();
        assertThat(s.totals().windowResults().excess()).isEqualTo(s.oracle().counts().contributionsCountedTwice());
        assertThat(s.totals().recordsReprocessed()).isPositive();
        assertThat(s.expectationsMet()).isTrue();
        List<String> mismatches = Files.readAllLines(result.folder().resolve("oracle-mismatches.csv"));
        assertThat(mismatches.size()).isGreaterThan(1);
        assertThat(mismatches.get(1)).startsWith("WRONG,");
    }

    @Test
    void brokerKilledUnderLoad_replicationFactorThree_nothingAckedIsLostOrDoubled() throws Exception {
        RunResult result = run("it-broker-loss");

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(s.target().brokers()).isEqualTo(3);
        assertFaultsApplied(s, 2);
        assertThat(s.totals().recordsFailed()).isZero();
        assertThat(s.totals().recordsOnInputTopic()).isEqualTo(s.totals().recordsAcked());
        assertThat(s.oracle().verdict()).isEqualTo("exact");
        assertThat(s.expectationsMet()).isTrue();
    }

    @Test
    void poisonTrickleAndBurst_allDeadLetteredAndCounted_windowsExact() throws Exception {
        RunResult result = run("it-poison");

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertFaultsApplied(s, 1);
        assertThat(s.totals().poisonWritten()).isGreaterThan(300);
        assertThat(s.totals().deadLettered()).isEqualTo(s.totals().poisonWritten());
        assertThat(s.oracle().verdict()).isEqualTo("exact");
        assertThat(s.oracle().counts().poisonRecords()).isEqualTo(s.totals().poisonWritten());
        assertThat(s.expectationsMet()).isTrue();
    }
}

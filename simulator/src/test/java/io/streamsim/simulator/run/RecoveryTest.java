package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    /** Two partitions at 1000 records/s each; partition 1 stalls from second 11 to 16 (a killed instance). */
    private static List<Sample> killAtTenSeconds() {
        List<Sample> samples = new ArrayList<>();
        long c0 = 0;
        long c1 = 0;
        long end = 0;
        long rebalances = 0;
        for (int t = 1; t <= 30; t++) {
            end += 1000;
            c0 += 1000;
            boolean stalled = t >= 11 && t <= 16;
            if (!stalled) {
                c1 = end;
            }
            if (t == 16) {
                rebalances = 2;
            }
            long lag1 = end - c1;
            samples.add(sample(t, List.of(0L, lag1), List.of(c0, c1), rebalances, stalled ? 1000 : (t == 17 ? 7000 : 2000)));
        }
        return samples;
    }

    private static Sample sample(double t, List<Long> lag, List<Long> committed, long rebalances, double processedPerSecond) {
        long total = lag.stream().mapToLong(Long::longValue).sum();
        return new Sample(t, "load", 2000, 0, 0, 0, 0, 2000, 0, processedPerSecond, total, lag, committed, 0, 0, 0,
                rebalances, Double.NaN, Double.NaN, 0, "");
    }

    @Test
    void of_killStallingOnePartition_reportsStallResumeLagRecoveryAndRebalances() {
        FaultRunner.Applied kill = new FaultRunner.Applied(new Fault.Kill(Duration.ofSeconds(10), "app-instance-2"),
                10.0, 0.01, new FaultOutcome.Done());

        RunSummary.FaultRecovery r = Recovery.of(List.of(kill), killAtTenSeconds()).get(0);

        assertThat(r.fault()).isEqualTo("kill app-instance-2");
        assertThat(r.preFaultLagRecords()).isZero();
        assertThat(r.peakLagRecords()).isEqualTo(6000);
        assertThat(r.peakLagAtSeconds()).isEqualTo(16.0);
        assertThat(r.stalledPartitions()).isEqualTo(1);
        assertThat(r.longestStallSeconds()).isEqualTo(6.0);
        assertThat(r.processingResumedAfterSeconds()).isEqualTo(7.0);
        assertThat(r.lagRecoveredAfterSeconds()).isEqualTo(7.0);
        assertThat(r.rebalances()).isEqualTo(2);
    }

    @Test
    void of_restartBeforeTheKillRecovered_theKillsRecoveryIsStillMeasuredToItsEnd() {
        FaultRunner.Applied kill = new FaultRunner.Applied(new Fault.Kill(Duration.ofSeconds(10), "app-instance-2"),
                10.0, 0.01, new FaultOutcome.Done());
        FaultRunner.Applied restart = new FaultRunner.Applied(new Fault.Restart(Duration.ofSeconds(13), "app-instance-2"),
                13.0, 0.01, new FaultOutcome.Done());

        List<RunSummary.FaultRecovery> r = Recovery.of(List.of(kill, restart), killAtTenSeconds());

        assertThat(r.get(0).lagRecoveredAfterSeconds()).isEqualTo(7.0);
        assertThat(r.get(0).processingResumedAfterSeconds()).isEqualTo(7.0);
        assertThat(r.get(0).peakLagRecords()).isEqualTo(6000);
        assertThat(r.get(1).stalledPartitions()).as("the stall began before the restart: the kill's").isZero();
    }

    @Test
    void of_scaleOutWhoseJoinComesAfterLagIsBack_stillCountsItsRebalance() {
        // Lag jumps at the fault (10 s) and is back by 12 s; the new instance joins, one rebalance, at 15 s.
        List<Sample> samples = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            long lag = t == 11 ? 5000 : 100;
            samples.add(sample(t, List.of(lag), List.of(t * 1000L), t >= 15 ? 1 : 0, 1000));
        }
        FaultRunner.Applied scaleOut = new FaultRunner.Applied(new Fault.ScaleOut(Duration.ofSeconds(10), 1), 10.0, 0.01, new FaultOutcome.Done());

        RunSummary.FaultRecovery r = Recovery.of(List.of(scaleOut), samples).get(0);

        assertThat(r.lagRecoveredAfterSeconds()).isEqualTo(2.0);
        assertThat(r.rebalances()).isEqualTo(1);
    }

    @Test
    void of_faultWithoutEffect_recoversInZeroSeconds() {
        List<Sample> samples = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            samples.add(sample(t, List.of(10L, 10L), List.of(t * 1000L, t * 1000L), 0, 2000));
        }
        FaultRunner.Applied burst = new FaultRunner.Applied(new Fault.PoisonBurst(Duration.ofSeconds(5), 10), 5.0, 0, new FaultOutcome.Done());

        RunSummary.FaultRecovery r = Recovery.of(List.of(burst), samples).get(0);

        assertThat(r.lagRecoveredAfterSeconds()).isZero();
        assertThat(r.processingResumedAfterSeconds()).isZero();
        assertThat(r.stalledPartitions()).isZero();
        assertThat(r.rebalances()).isZero();
    }

    @Test
    void of_lagThatNeverComesBack_hasNoRecoveryTime() {
        List<Sample> samples = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            long lag = t <= 5 ? 0 : (t - 5) * 1000L;
            samples.add(sample(t, List.of(lag), List.of(t <= 5 ? t * 1000L : 5000L), 0, t <= 5 ? 1000 : 0));
        }
        FaultRunner.Applied kill = new FaultRunner.Applied(new Fault.Kill(Duration.ofSeconds(5), "app-instance-1"), 5.0, 0, new FaultOutcome.Done());

        RunSummary.FaultRecovery r = Recovery.of(List.of(kill), samples).get(0);

        assertThat(r.lagRecoveredAfterSeconds()).isNull();
        assertThat(r.processingResumedAfterSeconds()).isNull();
        assertThat(r.peakLagRecords()).isEqualTo(15000);
    }

    /**
     * The ingest-10x-step case: a timed scale-out at 30.0 s and the lag rule's at 30.1 s, lag 100 before, out of band
     * from 31 s, peaking at 217,214 records at 35 s and back at 50 s.
     */
    private static List<Sample> lagEpisodeFrom31To50() {
        List<Sample> samples = new ArrayList<>();
        for (int t = 1; t <= 60; t++) {
            long lag = t <= 30 || t >= 50 ? 100 : t <= 35 ? 217_214L * (t - 30) / 5 : 217_214L * (50 - t) / 15;
            samples.add(sample(t, List.of(lag), List.of(t * 1000L), 0, 1000));
        }
        return samples;
    }

    private static FaultRunner.Applied scaleOut(double at, String started) {
        return new FaultRunner.Applied(new Fault.ScaleOut(Duration.ofMillis((long) (at * 1000)), 1), at, 0.01,
                new FaultOutcome.Started(List.of(started)));
    }

    @Test
    void of_twoScaleOutsATenthApart_bothAreMeasuredToTheEpisodesEndAndMarkedOverlapping() {
        FaultRunner.Applied timed = scaleOut(30.0, "app-instance-3");
        FaultRunner.Applied rule = scaleOut(30.1, "app-instance-4");

        List<RunSummary.FaultRecovery> r = Recovery.of(List.of(timed, rule), lagEpisodeFrom31To50());

        assertThat(r.get(0).peakLagRecords()).as("not cut off by the second fault").isEqualTo(217_214);
        assertThat(r.get(0).peakLagAtSeconds()).isEqualTo(35.0);
        assertThat(r.get(0).lagRecoveredAfterSeconds()).isEqualTo(20.0);
        assertThat(r.get(1).peakLagRecords()).isEqualTo(217_214);
        assertThat(r.get(1).lagRecoveredAfterSeconds()).isCloseTo(19.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r).allSatisfy(f -> {
            assertThat(f.overlapping()).isTrue();
            assertThat(f.episode()).isEqualTo(1);
        });
    }

    @Test
    void of_secondFaultInsideTheFirstsRecovery_isInItsEpisode_andTheFirstKeepsItsWholeRecovery() {
        FaultRunner.Applied timed = scaleOut(30.0, "app-instance-3");
        FaultRunner.Applied kill = new FaultRunner.Applied(new Fault.Kill(Duration.ofSeconds(40), "app-instance-1"),
                40.0, 0.01, new FaultOutcome.Done());

        List<RunSummary.FaultRecovery> r = Recovery.of(List.of(timed, kill), lagEpisodeFrom31To50());

        assertThat(r.get(0).lagRecoveredAfterSeconds()).isEqualTo(20.0);
        assertThat(r.get(1).lagRecoveredAfterSeconds()).isEqualTo(10.0);
        assertThat(r).extracting(RunSummary.FaultRecovery::overlapping).containsExactly(true, true);
    }

    @Test
    void of_faultAfterTheEpisodeRecovered_startsAnEpisodeOfItsOwn() {
        FaultRunner.Applied timed = scaleOut(30.0, "app-instance-3");
        FaultRunner.Applied burst = new FaultRunner.Applied(new Fault.PoisonBurst(Duration.ofSeconds(55), 10), 55.0,
                0, new FaultOutcome.Done());

        List<RunSummary.FaultRecovery> r = Recovery.of(List.of(timed, burst), lagEpisodeFrom31To50());

        assertThat(r).extracting(RunSummary.FaultRecovery::episode).containsExactly(1, 2);
        assertThat(r).extracting(RunSummary.FaultRecovery::overlapping).containsExactly(false, false);
        assertThat(r.get(0).lagRecoveredAfterSeconds()).isEqualTo(20.0);
        assertThat(r.get(1).lagRecoveredAfterSeconds()).isZero();
        assertThat(r.get(1).peakLagRecords()).isEqualTo(100);
    }
}

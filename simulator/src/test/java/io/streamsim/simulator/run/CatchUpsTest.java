package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Fault;
import io.streamsim.simulator.oracle.OracleReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatchUpsTest {

    /** A second of a run at 1,000 events/s; {@code processed} is cumulative, {@code droppedLate} Kafka's count. */
    private static Sample sample(double t, long lag, long processed, double p99, long droppedLate) {
        return new Sample(t, "load", 1000, 0, 0, 0, 0, 1000, processed, 1000, lag, List.of(lag), List.of(0L), 0,
                droppedLate, 0, 0, Double.NaN, p99, 0, "");
    }

    private static List<Sample> run(long[] lags, long[] processed) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < lags.length; i++) {
            samples.add(sample(i + 1, lags[i], processed[i], i < 5 ? 1.0 : 4.0, i * 10L));
        }
        return samples;
    }

    @Test
    void of_backfillDrainedAfterThreeSeconds_reportsCatchUpRateLagAndTheOraclesDroppedShare() {
        // Lag ~100 before, 50,000 backfilled at 5.5 s, back under 1,000 (a second of traffic) at 9 s.
        List<Sample> samples = run(new long[] {100, 100, 100, 100, 100, 40_000, 20_000, 5_000, 900, 100},
                new long[] {1_000, 2_000, 3_000, 4_000, 5_000, 16_000, 37_000, 53_000, 58_000, 59_900});
        FaultRunner.Applied applied = new FaultRunner.Applied(new Fault.Backfill(Duration.ofSeconds(5),
                Duration.ofHours(-6), Duration.ofHours(-1), 50_000), 5.5, 0.5, new FaultOutcome.Done());
        Backfill.Result written = new Backfill.Result("backfill", 5.5, Backfill.IDS, Instant.EPOCH, Instant.EPOCH,
                50_000, 50_000, 0, 0.5);
        OracleReport oracle = new OracleReport("exact", null, 0, 0, 0, null,
                new OracleReport.BackfillFate(50_000, 49_000, 49_000), null, null, null);

        List<RunSummary.CatchUp> c = CatchUps.of(List.of(applied), samples, List.of(written), List.of(), oracle);

        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.catchUpSeconds()).isEqualTo(3.5);
            assertThat(x.bandRecords()).isEqualTo(1000);
            assertThat(x.recordsProcessed()).isEqualTo(58_000 - 5_000);
            assertThat(x.reprocessedPerSecond()).isEqualTo(53_000 / 4.0);
            assertThat(x.lagBeforeRecords()).isEqualTo(100);
            assertThat(x.peakLagRecords()).isEqualTo(40_000);
            assertThat(x.p99BeforeSeconds()).isEqualTo(1.0);
            assertThat(x.peakP99Seconds()).isEqualTo(4.0);
            assertThat(x.droppedLateByAppWhileCatchingUp()).isEqualTo(80 - 40);
            assertThat(x.backfill().recordsDroppedLate()).isEqualTo(49_000);
            assertThat(x.backfill().droppedLateFraction()).isEqualTo(0.98);
            assertThat(x.replay()).isNull();
        });
    }

    @Test
    void of_replayWhoseLagNeverComesBack_hasNoCatchUpTime() {
        List<Sample> samples = run(new long[] {100, 100, 100, 100, 100, 90_000, 80_000, 70_000},
                new long[] {1_000, 2_000, 3_000, 4_000, 5_000, 5_000, 15_000, 25_000});
        FaultRunner.Applied applied = new FaultRunner.Applied(new Fault.Replay(Duration.ofSeconds(5)), 5.2, 0.5,
                new FaultOutcome.Done());
        Replay.Result replayed = new Replay.Result("replay from earliest", 5.2, List.of("app-instance-1"), 6, 90_000,
                List.of("app-changelog"), 0.5);

        List<RunSummary.CatchUp> c = CatchUps.of(List.of(applied), samples, List.of(), List.of(replayed), null);

        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.catchUpSeconds()).isNull();
            assertThat(x.peakLagRecords()).isEqualTo(90_000);
            assertThat(x.replay().recordsToReplay()).isEqualTo(90_000);
        });
    }

    @Test
    void apply_backfillAndReplay_dispatchToTheirActionsWithTheirTimeOnTheTimeline() {
        List<String> done = new ArrayList<>();
        FaultRunner.Actions actions = new FaultRunner.Actions() {
            @Override
            public void kill(String target) {
            }

            @Override
            public void stop(String target) {
            }

            @Override
            public void restart(String target) {
            }

            @Override
            public List<String> startInstances(int instances) {
                return List.of();
            }

            @Override
            public void pauseProducers(Duration lasting) {
            }

            @Override
            public void slowProcessing(Duration perRecord, Duration lasting) {
            }

            @Override
            public void writePoison(int records) {
            }

            @Override
            public void clockSkew(int shard, Duration offset, Duration lasting) {
            }

            @Override
            public void changeRate(double factor) {
            }

            @Override
            public void backfill(Fault.Backfill backfill, double atSeconds) {
                done.add(backfill.describe() + " at " + atSeconds);
            }

            @Override
            public void replay(Fault.Replay replay, double atSeconds) {
                done.add(replay.describe() + " at " + atSeconds);
            }
        };
        long[] now = {0};
        FaultRunner runner = new FaultRunner(List.of(), actions, () -> now[0]);
        runner.start(0);
        now[0] = 40_000_000_000L;
        FaultRunner.Applied b = runner.apply(new Fault.Backfill(Duration.ofSeconds(40), Duration.ofHours(-6),
                Duration.ofHours(-1), 10));
        now[0] = 70_000_000_000L;
        FaultRunner.Applied r = runner.apply(new Fault.Replay(Duration.ofSeconds(70)));
        runner.close();

        assertThat(done).containsExactly("backfill 10 events from -6h to -1h at 40.0", "replay from earliest at 70.0");
        assertThat(List.of(b.outcome(), r.outcome())).containsOnly("ok");
    }
}

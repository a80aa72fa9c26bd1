package io.streamsim.simulator.run;

import io.streamsim.simulator.oracle.OracleReport;
import java.util.ArrayList;
import java.util.List;

/**
 * How the pipeline caught up after each backfill and replay fault ({@link RunSummary.CatchUp}), from the per-second
 * samples.
 *
 * <p><b>Caught up</b>: at the first sample after the fault was applied (the backfill written, the app restarted) at
 * which committed-offset lag is at most one second of traffic (the mean sent rate over the five seconds before the
 * fault), or at most the lag before the fault when that was already higher (under exactly_once_v2 with final emit
 * lag rarely falls that low). The catch-up time runs from the fault to that sample; absent when lag never came back.
 * <b>Reprocessing rate</b>: records processed from the last sample before the fault to that sample, over that time
 * (live records included: they are part of what the app had to get through). <b>Effect on the live pipeline</b>:
 * peak lag and peak per-second p99 end-to-end latency from the fault to five seconds after catching up, against
 * their means over the ten seconds before.
 */
final class CatchUps {

    private static final double BEFORE_SECONDS = 10;
    private static final double RATE_SECONDS = 5;
    private static final double AFTER_SECONDS = 5;

    private CatchUps() {
    }

    static List<RunSummary.CatchUp> of(List<FaultRunner.Applied> applied, List<Sample> samples,
                                       List<Backfill.Result> backfills, List<Replay.Result> replays,
                                       OracleReport oracle) {
        List<RunSummary.CatchUp> out = new ArrayList<>();
        int b = 0;
        int r = 0;
        for (FaultRunner.Applied a : applied) {
            boolean backfill = "backfill".equals(a.fault().action());
            boolean replay = "replay".equals(a.fault().action());
            if (!backfill && !replay) {
                continue;
            }
            RunSummary.Backfilled backfilled = null;
            RunSummary.Replayed replayed = null;
            if (backfill && b < backfills.size()) {
                Backfill.Result x = backfills.get(b++);
                OracleReport.BackfillFate fate = oracle == null || backfills.size() != 1 ? null : oracle.backfill();
                backfilled = new RunSummary.Backfilled(x.events(), x.acked(), x.firstId(), x.eventTimeFrom(),
                        x.eventTimeTo(), x.writeSeconds(), fate == null ? null : fate.recordsDroppedLate(),
                        fate == null ? null : fate.pairsDroppedLate(),
                        fate == null || fate.records() == 0 ? null : (double) fate.recordsDroppedLate() / fate.records());
            }
            if (replay && r < replays.size()) {
                Replay.Result x = replays.get(r++);
                replayed = new RunSummary.Replayed(x.restarted(), x.partitionsReset(), x.recordsToReplay(),
                        x.internalTopicsDeleted(), x.pauseSeconds());
            }
            out.add(one(a, samples, backfilled, replayed));
        }
        return out;
    }

    private static RunSummary.CatchUp one(FaultRunner.Applied a, List<Sample> samples, RunSummary.Backfilled backfilled,
                                          RunSummary.Replayed replayed) {
        double at = a.atSeconds();
        double applied = at + a.tookSeconds();
        List<Sample> before = samples.stream()
                .filter(s -> s.elapsedSeconds() < at && s.elapsedSeconds() >= at - BEFORE_SECONDS).toList();
        double lagBefore = before.stream().filter(s -> s.lagRecords() >= 0).mapToLong(Sample::lagRecords).average()
                .orElse(0);
        double sentBefore = before.stream().filter(s -> s.elapsedSeconds() >= at - RATE_SECONDS)
                .mapToDouble(Sample::sentPerSecond).average().orElse(0);
        double p99Before = before.stream().mapToDouble(Sample::endToEndP99Seconds).filter(d -> !Double.isNaN(d))
                .average().orElse(Double.NaN);
        double band = Math.max(Math.max(1, sentBefore), lagBefore);
        Sample last = before.isEmpty() ? null : before.get(before.size() - 1);

        Sample caughtUp = null;
        for (Sample s : samples) {
            if (s.elapsedSeconds() > applied && s.lagRecords() >= 0 && s.lagRecords() <= band) {
                caughtUp = s;
                break;
            }
        }
        double until = caughtUp == null ? Double.MAX_VALUE : caughtUp.elapsedSeconds() + AFTER_SECONDS;
        long peakLag = 0;
        double peakP99 = Double.NaN;
        for (Sample s : samples) {
            if (s.elapsedSeconds() > at && s.elapsedSeconds() <= until) {
                peakLag = Math.max(peakLag, s.lagRecords());
                if (!Double.isNaN(s.endToEndP99Seconds())
                        && (Double.isNaN(peakP99) || s.endToEndP99Seconds() > peakP99)) {
                    peakP99 = s.endToEndP99Seconds();
                }
            }
        }
        Double catchUpSeconds = caughtUp == null ? null : caughtUp.elapsedSeconds() - at;
        long processed = caughtUp == null || last == null ? 0 : caughtUp.recordsProcessed() - last.recordsProcessed();
        double rate = caughtUp == null || last == null ? 0
                : processed / Math.max(1e-9, caughtUp.elapsedSeconds() - last.elapsedSeconds());
        long droppedLateByApp = caughtUp == null || last == null ? 0 : caughtUp.droppedLate() - last.droppedLate();
        return new RunSummary.CatchUp(a.fault().describe(), at, a.outcome(), band, catchUpSeconds, processed, rate,
                lagBefore, peakLag, p99Before, peakP99, droppedLateByApp, backfilled, replayed);
    }
}

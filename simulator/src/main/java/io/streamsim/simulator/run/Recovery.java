package io.streamsim.simulator.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Recovery figures of each applied fault, from the per-second samples. With one sample a second, stalls
 * shorter than two seconds are not seen.
 *
 * <ul>
 *   <li><b>stalled partition</b>: an input partition with lag whose committed offset did not move for two
 *       consecutive samples; a stall that begins after the fault and before the next one is this fault's, and is
 *       followed to its end even past the next fault;</li>
 *   <li><b>processing resumed after</b>: from the fault to the first sample after its stalls at which their
 *       partitions move again (0 when nothing stalled; absent when a stall lasted to the end);</li>
 *   <li><b>lag recovered after</b>: lag's band is its level over the five seconds before the fault plus a
 *       quarter second of traffic; from the fault to the first sample at which lag is back in the band after
 *       having left it (0 when it did not leave it before the next fault; absent when it never came back);</li>
 *   <li><b>rebalances</b>: rebalances the app instances went through from the fault until lag recovered, and for
 *       at least ten seconds (a new instance's join can come after lag is back), but not past the next fault.</li>
 * </ul>
 */
final class Recovery {

    private static final double PRE_FAULT_SECONDS = 5;
    private static final double TOLERANCE_SECONDS_OF_TRAFFIC = 0.25;
    /** Rebalances are counted over at least this long after the fault. */
    private static final double REBALANCE_WINDOW_SECONDS = 10;

    private Recovery() {
    }

    static List<RunSummary.FaultRecovery> of(List<FaultRunner.Applied> applied, List<Sample> samples) {
        List<RunSummary.FaultRecovery> out = new ArrayList<>();
        for (int i = 0; i < applied.size(); i++) {
            FaultRunner.Applied a = applied.get(i);
            double from = a.atSeconds();
            double until = i + 1 < applied.size() ? applied.get(i + 1).atSeconds() : Double.MAX_VALUE;
            out.add(one(a, from, until, samples));
        }
        return out;
    }

    private static RunSummary.FaultRecovery one(FaultRunner.Applied a, double from, double until, List<Sample> samples) {
        List<Sample> before = samples.stream()
                .filter(s -> s.elapsedSeconds() < from && s.elapsedSeconds() >= from - PRE_FAULT_SECONDS && s.lagRecords() >= 0)
                .toList();
        List<Sample> after = samples.stream().filter(s -> s.elapsedSeconds() > from && s.lagRecords() >= 0).toList();
        double preLag = before.stream().mapToLong(Sample::lagRecords).average().orElse(0);
        double preRate = before.stream().mapToDouble(Sample::processedPerSecond).average().orElse(0);
        double threshold = preLag + TOLERANCE_SECONDS_OF_TRAFFIC * preRate;

        int left = -1;
        for (int k = 0; k < after.size() && after.get(k).elapsedSeconds() <= until; k++) {
            if (after.get(k).lagRecords() > threshold) {
                left = k;
                break;
            }
        }
        Double lagRecovered = left < 0 ? 0.0 : null;
        int end = after.size() - 1;
        if (left >= 0) {
            for (int k = left; k < after.size(); k++) {
                if (after.get(k).lagRecords() <= threshold) {
                    lagRecovered = after.get(k).elapsedSeconds() - from;
                    end = k;
                    break;
                }
            }
        }
        long peakLag = 0;
        double peakAt = from;
        double peakUntil = left < 0 ? until : Double.MAX_VALUE;
        for (int k = 0; k <= end && k < after.size() && after.get(k).elapsedSeconds() <= peakUntil; k++) {
            if (after.get(k).lagRecords() > peakLag) {
                peakLag = after.get(k).lagRecords();
                peakAt = after.get(k).elapsedSeconds();
            }
        }

        Stalls stalls = stalls(samples, from, until);
        // A scale-out's new instance takes seconds to start and join: lag can be back in its band before the
        // rebalance the fault causes, so the count runs at least REBALANCE_WINDOW_SECONDS.
        double recoveredAfter = lagRecovered != null && lagRecovered > 0 ? lagRecovered : 0;
        double settled = Math.min(until, from + Math.max(recoveredAfter, REBALANCE_WINDOW_SECONDS));
        long rebalances = rebalancesAtOrBefore(samples, settled) - rebalancesAtOrBefore(samples, from);
        return new RunSummary.FaultRecovery(a.fault().describe(), a.atSeconds(), a.outcome(), preLag, peakLag, peakAt,
                stalls.resumedAfter(from), lagRecovered, Math.max(0, rebalances), stalls.longestSeconds,
                stalls.partitions);
    }

    private static long rebalancesAtOrBefore(List<Sample> samples, double t) {
        long r = 0;
        for (Sample s : samples) {
            if (s.elapsedSeconds() <= t) {
                r = s.rebalances();
            }
        }
        return r;
    }

    private record Stalls(int partitions, double longestSeconds, double lastStalledAt, double resumedAt) {
        Double resumedAfter(double from) {
            if (partitions == 0) {
                return 0.0;
            }
            return Double.isNaN(resumedAt) ? null : resumedAt - from;
        }
    }

    /** Partition stalls that begin after {@code from} and before {@code until}, each followed to its end. */
    private static Stalls stalls(List<Sample> samples, double from, double until) {
        if (samples.size() < 2) {
            return new Stalls(0, 0, Double.NaN, Double.NaN);
        }
        int partitions = samples.get(samples.size() - 1).partitionCommitted().size();
        java.util.Set<Integer> stalledPartitions = new java.util.HashSet<>();
        int[] run = new int[partitions];
        double[] runStart = new double[partitions];
        double longest = 0;
        double lastStalledAt = Double.NaN;
        for (int k = 1; k < samples.size(); k++) {
            Sample prev = samples.get(k - 1);
            Sample cur = samples.get(k);
            for (int p = 0; p < partitions && p < cur.partitionCommitted().size() && p < prev.partitionCommitted().size(); p++) {
                boolean moved = cur.partitionCommitted().get(p) > prev.partitionCommitted().get(p);
                boolean idle = cur.partitionLag().size() > p && cur.partitionLag().get(p) == 0;
                if (moved || idle) {
                    run[p] = 0;
                    continue;
                }
                if (run[p]++ == 0) {
                    runStart[p] = cur.elapsedSeconds();
                }
                boolean ours = runStart[p] > from && runStart[p] <= until;
                if (run[p] >= 2 && ours) {
                    stalledPartitions.add(p);
                    longest = Math.max(longest, run[p] * (cur.elapsedSeconds() - prev.elapsedSeconds()));
                    lastStalledAt = cur.elapsedSeconds();
                }
            }
        }
        double resumedAt = Double.NaN;
        if (!Double.isNaN(lastStalledAt)) {
            for (Sample s : samples) {
                if (s.elapsedSeconds() > lastStalledAt) {
                    resumedAt = s.elapsedSeconds();
                    break;
                }
            }
        }
        return new Stalls(stalledPartitions.size(), longest, lastStalledAt, resumedAt);
    }
}

package io.streamsim.simulator.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recovery figures of each applied fault, from the per-second samples. With one sample a second, stalls
 * shorter than two seconds are not seen.
 *
 * <p><b>Episodes.</b> Faults that overlap are measured together: a fault joins the episode of the one before it
 * when it is applied while that episode's lag is still out of its band (inside its recovery), or within two seconds
 * of the episode's latest fault before lag has left its band (too soon for the samples to show what the earlier one
 * did). The episode's band is set by its first fault, and each of its faults is measured to the episode's end and
 * marked {@code overlapping}. Example: a timed scale-out at 30.0 s, the lag rule's at 30.1 s, lag out of band from
 * 31 s to 60 s: one episode; the first reports lag recovered after 30 s and the second after 29.9 s (cut off at the
 * second fault, the first would report 0 s with lag at its peak). An episode ends when lag is back in its band, or,
 * when lag never left it, at the next fault that does not join it.
 *
 * <ul>
 *   <li><b>stalled partition</b>: an input partition with lag whose committed offset did not move for two
 *       consecutive samples; a stall that begins after the fault and before the next episode is this fault's, and
 *       is followed to its end even past the next fault;</li>
 *   <li><b>processing resumed after</b>: from the fault to the first sample after its stalls at which their
 *       partitions move again (0 when nothing stalled; absent when a stall lasted to the end);</li>
 *   <li><b>lag recovered after</b>: lag's band is its level over the five seconds before the episode's first fault
 *       plus a quarter second of traffic; from the fault to the first sample at which lag is back in the band after
 *       having left it (0 when it did not leave it during the episode; absent when it never came back);</li>
 *   <li><b>rebalances</b>: rebalances the app instances went through from the fault until lag recovered, and for
 *       at least ten seconds (a new instance's join can come after lag is back), but not past the next episode.</li>
 * </ul>
 */
final class Recovery {

    private static final double PRE_FAULT_SECONDS = 5;
    private static final double TOLERANCE_SECONDS_OF_TRAFFIC = 0.25;
    /** Rebalances are counted over at least this long after the fault. */
    private static final double REBALANCE_WINDOW_SECONDS = 10;
    /** A fault this soon after the previous one, before lag has moved, is measured with it: two samples. */
    private static final double ON_THE_HEELS_SECONDS = 2;

    private Recovery() {
    }

    static List<RunSummary.FaultRecovery> of(List<FaultRunner.Applied> applied, List<Sample> samples) {
        List<RunSummary.FaultRecovery> out = new ArrayList<>();
        int number = 0;
        for (int first = 0; first < applied.size(); ) {
            Episode e = episode(applied, first, samples);
            number++;
            for (int k = e.first; k < e.end; k++) {
                out.add(one(applied.get(k), e, number, samples));
            }
            first = e.end;
        }
        return out;
    }

    /**
     * Faults {@code [first, end)} measured together.
     *
     * @param band        lag at or below this is "in band"
     * @param left        whether lag left the band during the episode
     * @param recoveredAt when lag was back in band after leaving it; NaN when it did not leave or never came back
     * @param until       the next episode's first fault ({@code Double.MAX_VALUE} for the last episode)
     */
    private record Episode(int first, int end, double band, boolean left, double recoveredAt, double until) {
        boolean overlapping() {
            return end - first > 1;
        }
    }

    private static Episode episode(List<FaultRunner.Applied> applied, int first, List<Sample> samples) {
        double from = applied.get(first).atSeconds();
        double band = band(from, samples);
        int next = first + 1;
        double latest = from;
        boolean left = false;
        double recoveredAt = Double.NaN;
        boolean closed = false;
        for (Sample s : samples) {
            if (s.elapsedSeconds() <= from) {
                continue;
            }
            while (next < applied.size() && applied.get(next).atSeconds() < s.elapsedSeconds()) {
                double at = applied.get(next).atSeconds();
                boolean insideRecovery = left;
                boolean onTheHeels = !left && at < latest + ON_THE_HEELS_SECONDS;
                if (!insideRecovery && !onTheHeels) {
                    closed = true;
                    break;
                }
                latest = at;
                next++;
            }
            if (closed) {
                break;
            }
            if (s.lagRecords() < 0) {
                continue;
            }
            if (!left) {
                left = s.lagRecords() > band;
            } else if (s.lagRecords() <= band) {
                recoveredAt = s.elapsedSeconds();
                break;
            }
        }
        double until = next < applied.size() ? applied.get(next).atSeconds() : Double.MAX_VALUE;
        return new Episode(first, next, band, left, recoveredAt, until);
    }

    /** Lag over the five seconds before {@code from} plus a quarter second of traffic. */
    private static double band(double from, List<Sample> samples) {
        List<Sample> before = before(from, samples);
        double preLag = before.stream().mapToLong(Sample::lagRecords).average().orElse(0);
        double preRate = before.stream().mapToDouble(Sample::processedPerSecond).average().orElse(0);
        return preLag + TOLERANCE_SECONDS_OF_TRAFFIC * preRate;
    }

    private static List<Sample> before(double from, List<Sample> samples) {
        return samples.stream()
                .filter(s -> s.elapsedSeconds() < from && s.elapsedSeconds() >= from - PRE_FAULT_SECONDS
                        && s.lagRecords() >= 0)
                .toList();
    }

    private static RunSummary.FaultRecovery one(FaultRunner.Applied a, Episode e, int episode, List<Sample> samples) {
        double from = a.atSeconds();
        double preLag = before(from, samples).stream().mapToLong(Sample::lagRecords).average().orElse(0);
        Double lagRecovered = !e.left() ? Double.valueOf(0.0)
                : Double.isNaN(e.recoveredAt()) ? null : Double.valueOf(e.recoveredAt() - from);

        // Peak: to the recovery; to the next episode when lag never left the band; else to the end.
        double peakUntil = !e.left() ? e.until() : Double.isNaN(e.recoveredAt()) ? Double.MAX_VALUE : e.recoveredAt();
        long peakLag = 0;
        double peakAt = from;
        for (Sample s : samples) {
            if (s.elapsedSeconds() > from && s.elapsedSeconds() <= peakUntil && s.lagRecords() > peakLag) {
                peakLag = s.lagRecords();
                peakAt = s.elapsedSeconds();
            }
        }

        Stalls stalls = stalls(samples, from, e.until());
        // A scale-out's new instance takes seconds to start and join: lag can be back in its band before the
        // rebalance the fault causes, so the count runs at least REBALANCE_WINDOW_SECONDS.
        double recoveredAfter = lagRecovered != null && lagRecovered > 0 ? lagRecovered : 0;
        double settled = Math.min(e.until(), from + Math.max(recoveredAfter, REBALANCE_WINDOW_SECONDS));
        long rebalances = rebalancesAtOrBefore(samples, settled) - rebalancesAtOrBefore(samples, from);
        return new RunSummary.FaultRecovery(a.fault().describe(), a.atSeconds(), a.outcome(), preLag, peakLag, peakAt,
                stalls.resumedAfter(from), lagRecovered, Math.max(0, rebalances), stalls.longestSeconds,
                stalls.partitions, episode, e.overlapping());
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
        Set<Integer> stalledPartitions = new HashSet<>();
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

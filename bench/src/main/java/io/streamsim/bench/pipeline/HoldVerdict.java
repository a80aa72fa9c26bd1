package io.streamsim.bench.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * Whether a probe's rate was sustainable: after {@code warmup}, for the whole {@code hold}, the producers stayed
 * on schedule (records produced over the hold grew at >= 98% of the rate) and the committed-offset lag stayed below
 * {@code lagThresholdRecords} at every second it was known.
 *
 * <p>The hold is the seconds {@code (warmup, warmup + hold]} after the first event. Warm-up 20s, hold 60s: the
 * readings at 21s..80s count, the one at 20s is the hold's starting point for the produced count.
 *
 * @param producedPerSecond   records produced per second over the hold
 * @param maxLagRecords       highest known lag over the hold (-1: none known)
 * @param unknownLagSeconds   hold seconds whose lag could not be read
 * @param keepsUpAfterSeconds from the first event until lag stays below the threshold for good (to the end of the
 *                            readings); null when it never does
 * @param reason              why it was not sustainable; "" when it was
 */
record HoldVerdict(boolean sustainable, double producedPerSecond, long maxLagRecords, int unknownLagSeconds,
                   Double keepsUpAfterSeconds, String reason) {

    /** Below this share of the target rate the producers count as behind schedule. */
    static final double ON_SCHEDULE = 0.98;
    /** How much of the hold's end may be missing from the readings (they are taken about once a second). */
    private static final double SLACK_SECONDS = 1.5;

    static HoldVerdict judge(List<Second> seconds, double rate, Duration warmup, Duration hold,
                             long lagThresholdRecords) {
        double from = warmup.toNanos() / 1e9;
        double to = from + hold.toNanos() / 1e9;
        Second start = null;
        Second end = null;
        long maxLag = -1;
        int unknown = 0;
        for (Second s : seconds) {
            if (s.elapsedSeconds() <= from + 1e-6) {
                start = s;
            } else if (s.elapsedSeconds() <= to + 0.5) {
                end = s;
                if (s.lagRecords() < 0) {
                    unknown++;
                } else {
                    maxLag = Math.max(maxLag, s.lagRecords());
                }
            }
        }
        Double keepsUp = keepsUpAfter(seconds, lagThresholdRecords);
        if (start == null || end == null || end.elapsedSeconds() < to - SLACK_SECONDS) {
            return new HoldVerdict(false, 0, maxLag, unknown, keepsUp, "the readings do not cover the hold ("
                    + (end == null ? "none after the warm-up" : "last at " + round(end.elapsedSeconds()) + "s") + ")");
        }
        double produced = (end.recordsProduced() - start.recordsProduced())
                / (end.elapsedSeconds() - start.elapsedSeconds());
        String reason = "";
        if (produced < ON_SCHEDULE * rate) {
            reason = String.format(java.util.Locale.ROOT, "producers behind schedule: %.0f/s of %.0f/s", produced,
                    rate);
        } else if (maxLag >= lagThresholdRecords) {
            reason = "lag " + maxLag + " >= " + lagThresholdRecords + " records";
        } else if (maxLag < 0) {
            reason = "lag never known during the hold";
        }
        return new HoldVerdict(reason.isEmpty(), produced, maxLag, unknown, keepsUp, reason);
    }

    /** The first reading from which every known lag is below the threshold, to the end; null if the last is not. */
    static Double keepsUpAfter(List<Second> seconds, long lagThresholdRecords) {
        Double since = null;
        for (Second s : seconds) {
            if (s.lagRecords() < 0) {
                continue;
            }
            if (s.lagRecords() >= lagThresholdRecords) {
                since = null;
            } else if (since == null) {
                since = s.elapsedSeconds();
            }
        }
        return since;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}

package io.streamsim.simulator.sweep;

import java.time.Duration;
import java.util.Locale;

/**
 * The progress line of a sweep: run k of n and the time left, estimated as the mean duration of the runs done so
 * far times the runs still to do (the current one included). Before the first run ends there is no estimate.
 * Example: 2 runs done in 50 s and 70 s, run 3 of 5 starting: 60 s x 3 = about 3m00s left.
 */
public final class Progress {

    private final int total;
    private int done;
    private Duration spent = Duration.ZERO;

    public Progress(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be >= 1, was " + total);
        }
        this.total = total;
    }

    /** A run ended after {@code took}. */
    public void runDone(Duration took) {
        done++;
        spent = spent.plus(took);
    }

    /** The time left before run {@code done + 1} starts; null before any run has ended. */
    public Duration remaining() {
        if (done == 0) {
            return null;
        }
        return spent.dividedBy(done).multipliedBy(total - done);
    }

    /** {@code run 3 of 5 (path=value): about 3m00s left}. */
    public String line(String label) {
        Duration left = remaining();
        return String.format(Locale.ROOT, "Sweep: run %d of %d (%s): %s", Math.min(done + 1, total), total, label,
                left == null ? "time left not known until the first run ends" : "about " + format(left) + " left");
    }

    static String format(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}

package io.streamsim.simulator.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** The live console: one line a second with a progress bar over the run. */
final class ConsoleView {

    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final Duration duration;

    ConsoleView(PrintWriter out, Duration duration) {
        this.out = out;
        this.duration = duration;
    }

    void line(Sample s) {
        out.println(format(s, duration));
        out.flush();
    }

    void say(String message) {
        out.println(message);
        out.flush();
    }

    static String format(Sample s, Duration duration) {
        double total = duration.toMillis() / 1000.0;
        double done = Math.min(1, s.elapsedSeconds() / total);
        int filled = (int) Math.round(done * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        return String.format(Locale.ROOT,
                "[%4.0fs/%.0fs] [%s] %-5s target %8s/s  sent %8s/s  processed %8s/s  lag %8d  windows %7d  late %6d  p99 e2e %s",
                s.elapsedSeconds(), total, bar, s.stage(), rate(s.targetEventsPerSecond()), rate(s.sentPerSecond()),
                rate(s.processedPerSecond()), s.lagRecords(), s.windowResults(), s.droppedLate(),
                seconds(s.endToEndP99Seconds()));
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "    -" : String.format(Locale.ROOT, "%5.2fs", value);
    }
}

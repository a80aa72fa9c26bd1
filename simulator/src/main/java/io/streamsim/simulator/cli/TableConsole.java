package io.streamsim.simulator.cli;

import io.streamsim.simulator.run.ReferenceFigures;
import java.io.PrintWriter;
import java.util.Locale;

/** The console lines for the reference table as each app instance measured it: its loads and what it held. */
final class TableConsole {

    private TableConsole() {
    }

    static void print(PrintWriter out, ReferenceFigures r) {
        for (ReferenceFigures.Bootstrap l : r.bootstraps()) {
            if (l.noLoad()) {
                out.printf(Locale.ROOT, "    %s %s at %.1fs: no table load recorded in this life%s%n",
                        l.instance(), l.life() == 1 ? "start" : "restart " + (l.life() - 1), l.startedAtSeconds(),
                        l.runningAfterSeconds() == null ? ""
                                : String.format(Locale.ROOT, " (RUNNING %.2fs after start)", l.runningAfterSeconds()));
                continue;
            }
            out.printf(Locale.ROOT, "    %s %s at %.1fs: %s of %d records over %d partition(s) %s%s%n", l.instance(),
                    l.life() == 1 ? "start" : "restart " + (l.life() - 1), l.startedAtSeconds(), l.kind(),
                    l.records(), l.partitions(), l.seconds() == null ? "not ended"
                            : String.format(Locale.ROOT, "in %.2fs", l.seconds()),
                    l.runningAfterSeconds() == null ? ""
                            : String.format(Locale.ROOT, " (RUNNING %.2fs after start)", l.runningAfterSeconds()));
        }
        for (ReferenceFigures.Held h : r.held()) {
            out.printf(Locale.ROOT, "    %s holds %d rows, %d bytes (%s)%n", h.instance(), h.rows(), h.bytes(),
                    h.counted());
        }
    }
}

package io.streamsim.simulator.report;

import io.streamsim.simulator.run.ReferenceFigures;
import io.streamsim.simulator.run.RunSummary;
import java.util.Locale;

/**
 * The report's figures for the reference table as each app instance measured it: how long each life took to load
 * it (at start, after a restart) and what its store held after the drain.
 */
final class TableLoadsSection {

    private TableLoadsSection() {
    }

    static void append(StringBuilder b, RunSummary s) {
        ReferenceFigures r = s.reference();
        if (r == null || (r.bootstraps().isEmpty() && r.held().isEmpty())) {
            return;
        }
        b.append("<h3>Reference table in each instance (as the instances measured it)</h3>\n");
        if (!r.bootstraps().isEmpty()) {
            b.append("<table id=\"table-loads\">\n<tr><th>instance</th><th>life</th><th>began at (s)</th>"
                    + "<th>load</th><th>records</th><th>partitions</th><th>took (s)</th><th>start to RUNNING (s)</th>"
                    + "</tr>\n");
            for (ReferenceFigures.Bootstrap l : r.bootstraps()) {
                b.append("<tr><td>").append(HtmlReportPage.escape(l.instance())).append("</td><td class=\"num\">")
                        .append(l.life() == 1 ? "start" : "restart " + (l.life() - 1))
                        .append("</td><td class=\"num\">").append(seconds(l.startedAtSeconds()))
                        .append("</td><td>").append(HtmlReportPage.escape(l.noLoad() ? "none"
                                : l.kind() + " (" + l.topic() + ")"))
                        .append("</td><td class=\"num\">").append(l.records())
                        .append("</td><td class=\"num\">").append(l.partitions())
                        .append("</td><td class=\"num\">").append(l.noLoad() ? "-" : l.seconds() == null ? "not ended"
                                : seconds(l.seconds()))
                        .append("</td><td class=\"num\">").append(l.runningAfterSeconds() == null ? "-"
                                : seconds(l.runningAfterSeconds()))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n<p>global-restore: a broadcast join's global store restored from the reference topic "
                    + "before any processing. changelog-restore: a shuffle join's KTable store restored from its "
                    + "changelog topic (after a restart, or a task moved in). source-read: a shuffle join's task "
                    + "processing its reference partitions up to the end offsets they had at the life's start (to "
                    + "within the commit interval), interleaved with the orders in timestamp order (first start only). none: "
                    + "no load recorded in this life by its last status (no restore of records, and no source read: "
                    + "that happens only for partitions the group had not read before). Seconds count from "
                    + "the start of the load.</p>\n");
        }
        if (!r.held().isEmpty()) {
            b.append("<table id=\"table-held\">\n<tr><th>instance</th><th>rows</th><th>bytes</th><th>counted</th>"
                    + "</tr>\n");
            for (ReferenceFigures.Held h : r.held()) {
                b.append("<tr><td>").append(HtmlReportPage.escape(h.instance())).append("</td><td class=\"num\">")
                        .append(h.rows()).append("</td><td class=\"num\">").append(h.bytes()).append("</td><td>")
                        .append(HtmlReportPage.escape(h.join() + ": " + h.counted() + ", after the drain"))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}

package io.streamsim.simulator.report;

import io.streamsim.simulator.run.ReferenceFigures;
import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.SkewFigures;
import java.util.Locale;

/** The report's "Skew" table (and the reference table's counts, when the scenario has one). */
final class SkewSection {

    private SkewSection() {
    }

    static void append(StringBuilder b, RunSummary s) {
        SkewFigures k = s.skew();
        ReferenceFigures r = s.reference();
        if (k == null && r == null) {
            return;
        }
        b.append("<h2>Skew</h2>\n<table id=\"skew\">\n");
        if (k != null) {
            int partitions = k.partitionProcessed().size();
            row(b, "Largest partition's share of processed records", k.hottestPartition() < 0 ? "–"
                    : percent(k.maxPartitionShare()) + " (p" + k.hottestPartition() + "; even: "
                    + (partitions == 0 ? "–" : percent(1.0 / partitions)) + ")", "");
            row(b, "Processed per partition", k.partitionProcessed().toString(), "records");
            row(b, "Largest lag of one partition", k.maxLagPartition() < 0 ? "0" : k.maxPartitionLagRecords() + " (p"
                    + k.maxLagPartition() + " at " + HtmlReport.number(k.maxLagAtSeconds()) + " s)", "records");
            if (!k.threads().isEmpty()) {
                row(b, "Stream thread busy, busiest / idlest (mean over the load)", percent(k.busiestThreadMeanBusy())
                        + " / " + percent(k.idlestThreadMeanBusy()), "");
                for (SkewFigures.ThreadBusy t : k.threads()) {
                    row(b, "  " + t.thread() + " busy mean / max", percent(t.meanBusy()) + " / " + percent(t.maxBusy()),
                            "");
                }
            }
        }
        if (r != null) {
            row(b, "Reference table " + r.table() + ": rows written / updates written", r.rowsWritten() + " / "
                    + r.updatesWritten() + (r.updatesFailed() > 0 ? " (" + r.updatesFailed() + " failed)" : ""), "rows");
        }
        b.append("</table>\n");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static void row(StringBuilder b, String name, String value, String unit) {
        b.append("<tr><td>").append(HtmlReportPage.escape(name)).append("</td><td class=\"num\">")
                .append(HtmlReportPage.escape(value)).append("</td><td>").append(HtmlReportPage.escape(unit))
                .append("</td></tr>\n");
    }
}

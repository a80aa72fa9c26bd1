package io.streamsim.simulator.report;

import io.streamsim.simulator.oracle.EnrichFigures;
import io.streamsim.simulator.run.RunSummary;

/** The report's figures for the enrich step: what the table costs, and which row versions the join used. */
final class EnrichSection {

    private EnrichSection() {
    }

    static void append(StringBuilder b, RunSummary s) {
        if (s.oracle() == null || s.oracle().enrich() == null) {
            return;
        }
        EnrichFigures e = s.oracle().enrich();
        EnrichFigures.Footprint t = e.table();
        boolean broadcast = "broadcast".equals(e.join());
        b.append("<h2>Enrich</h2>\n<table id=\"enrich\">\n");
        row(b, "Join", e.join() + (e.versioned() ? ", versioned" : ""), broadcast
                ? "a GlobalKTable: every instance reads the whole reference topic and joins with the row it holds "
                        + "when the event is processed; no repartition"
                : "a KTable co-partitioned with the input: each task holds its partition's rows"
                        + (e.versioned() ? "; a versioned store, joined as of the event's own timestamp"
                                : "; joined with the row latest processed in the task"));
        row(b, "Reference rows read / keys", e.referenceRows() + " / " + e.referenceKeys(),
                "every version on the compacted reference topic after the run, and the distinct sellers or pages");
        if (t != null) {
            row(b, broadcast ? "Table held by every instance, from the topic (rows / bytes)" : "Table in all / in the "
                    + "largest task, from the topic (rows / bytes)", broadcast ? t.rows() + " / " + t.bytes()
                    : t.rows() + " / " + t.bytes() + "; " + t.largestPartitionRows() + " / "
                            + t.largestPartitionBytes(), "the check: the reference topic read back after the run, latest row per key,"
                            + " key and value bytes, over "
                            + t.partitions() + " partitions" + (broadcast ? "" : ": an instance holds its tasks' share"));
        }
        if (e.observable()) {
            row(b, "Joined as of the event's own time", e.asOfEventTime() + " of " + e.enrichedRead(),
                    "enriched events read back from the repartition topic whose row version is the one valid at "
                            + "their event time");
            row(b, "Stale / future / no row / unexpected row", e.stale() + " / " + e.future() + " / " + e.noRow()
                    + " / " + e.unexpectedRow(), "stale: an older version (the update for their time not read yet); "
                    + "future: a newer one (a later update already read: what a processing-time join does to a late "
                    + "event); the window verdict replays the real repartition order, so they count where they were "
                    + "really joined; for a versioned join they are the updates that reached the table after the "
                    + "events they apply to");
        } else {
            row(b, "Versions used", "not observable", "no groupBy follows the enrich step, so the enriched events are "
                    + "written nowhere the oracle can read them back; the window results do not depend on them");
        }
        row(b, "Dropped for want of a row (oracle)", e.droppedExpected(), "onMissing: drop, no row as of the "
                + "event's time");
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String name, Object value, String meaning) {
        b.append("<tr><td>").append(HtmlReportPage.escape(name)).append("</td><td class=\"num\">")
                .append(HtmlReportPage.escape(String.valueOf(value))).append("</td><td>")
                .append(HtmlReportPage.escape(meaning)).append("</td></tr>\n");
    }
}

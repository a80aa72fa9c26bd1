package io.streamsim.simulator.report;

import io.streamsim.simulator.oracle.StepFigures;
import io.streamsim.simulator.run.RunSummary;

/** The report's figures for the dedup and groupBy steps, each with what it means in words. */
final class StepsSection {

    private StepsSection() {
    }

    static void append(StringBuilder b, RunSummary s) {
        if (s.oracle() == null || (s.oracle().dedup() == null && s.oracle().repartition() == null)) {
            return;
        }
        b.append("<h2>Dedup and groupBy</h2>\n<table id=\"steps\">\n");
        StepFigures.Dedup d = s.oracle().dedup();
        if (d != null) {
            long sent = s.totals() == null ? 0 : s.totals().duplicatesSent();
            row(b, "Duplicates sent", sent, "second copies the producers sent (dirt.duplicateFraction)");
            row(b, "Dropped by dedup (oracle)", d.droppedExpected(),
                    "copies of an id kept within the dedup span of stream time in the same partition; the app's own "
                            + "count is its records.dropped{reason=duplicate} meter");
            row(b, "Passed dedup, counted twice by design", d.keptAgainAfterWithin(),
                    "copies that came more than the dedup span of stream time after the original: dedup cannot "
                            + "catch them, both count");
            row(b, "Counted anyway (verdict's counted twice)", s.oracle().counts().contributionsCountedTwice(),
                    "(event, window) pairs the output holds beyond the expectation: at_least_once replay after a "
                            + "crash re-sends records downstream that dedup already let through once");
        }
        StepFigures.Repartition r = s.oracle().repartition();
        if (r != null) {
            row(b, "Repartition topic records / bytes", r.recordsRead() + " / " + r.bytesRead(),
                    r.topic() + ": committed records read back after the run, key and "
                            + "value bytes");
            row(b, "Expected there / missing / extra copies", r.recordsExpected() + " / " + r.recordsMissing()
                    + " / " + r.extraCopies(), "stage a, from the input alone: missing records were lost before "
                    + "the window step (e.g. a dedup store ahead of the committed offsets); extra copies are "
                    + "at_least_once replay");
            row(b, "Dropped late: any order / only by interleaving", r.droppedLateUnderAnyOrder() < 0
                    ? "not computed" : r.droppedLateUnderAnyOrder() + " / " + r.droppedLateByInterleaving(),
                    r.droppedLateUnderAnyOrder() < 0 ? "stage c needs windows whose late rule looks at each record "
                    + "alone (tumbling, hopping); a sliding window's or a session's depends on its key's other records"
                    : "stage c: late under any interleaving of the upstream tasks, "
                    + "or only under the order timing gave them on the repartition topic (stage b replays that "
                    + "order; not an error)");
        }
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String name, Object value, String meaning) {
        b.append("<tr><td>").append(HtmlReportPage.escape(name)).append("</td><td class=\"num\">")
                .append(HtmlReportPage.escape(String.valueOf(value))).append("</td><td>")
                .append(HtmlReportPage.escape(meaning)).append("</td></tr>\n");
    }
}

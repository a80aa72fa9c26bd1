package io.streamsim.simulator.report;

import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.StageSkewFigures;
import java.util.Locale;

/**
 * The report's "Skew per stage" table: a groupBy's repartition topics, where a hot group-by key shows (and a
 * salted groupBy's two stages, the second one's records and bytes being salting's cost).
 */
final class StageSkewSection {

    private StageSkewSection() {
    }

    static void append(StringBuilder b, RunSummary s) {
        StageSkewFigures f = s.stageSkew();
        if (f == null || f.stages().isEmpty()) {
            return;
        }
        b.append("<h2>Skew per stage").append(f.salt() > 1 ? " (salted x" + f.salt() + ")" : "")
                .append("</h2>\n<table id=\"stage-skew\">\n");
        for (StageSkewFigures.Stage st : f.stages()) {
            int partitions = st.partitionRecords().size();
            row(b, st.name() + ": " + st.topic() + " records / bytes", st.records() + " / " + st.bytes(), "records / bytes");
            row(b, st.name() + ": largest partition's share", st.hottestPartition() < 0 ? "–"
                    : percent(st.maxPartitionShare()) + " (p" + st.hottestPartition() + "; even: "
                    + (partitions == 0 ? "–" : percent(1.0 / partitions)) + ")", "");
            row(b, st.name() + ": records per partition", st.partitionRecords().toString(), "records");
            row(b, st.name() + ": largest lag of one partition", st.maxLagPartition() < 0 ? "0"
                    : st.maxPartitionLagRecords() + " (p" + st.maxLagPartition() + " at "
                    + HtmlReport.number(st.maxLagAtSeconds()) + " s)", "records");
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

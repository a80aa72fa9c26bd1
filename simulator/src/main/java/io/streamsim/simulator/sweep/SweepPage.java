package io.streamsim.simulator.sweep;

import static io.streamsim.simulator.report.HtmlReportPage.escape;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsim.simulator.answer.FigureFormat;
import io.streamsim.simulator.report.HtmlReportPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code sweep.html}: the runs' table (each linking to its own report) and, drawn by {@code sweep.js} with the same
 * charts as the run report, each figure against the first varied path and a trade-off chart of two figures. Self
 * contained: the data, uPlot and the scripts are inlined.
 */
public final class SweepPage {

    /** The numeric figures charted, with their labels, in page order. */
    static final Map<String, String> CHARTED = chartedFigures();

    private SweepPage() {
    }

    private static Map<String, String> chartedFigures() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("droppedLateFraction", "dropped late (fraction of window contributions)");
        m.put("p50Seconds", "p50 end-to-end latency (s)");
        m.put("p99Seconds", "p99 end-to-end latency (s)");
        m.put("sentPerSecond", "sent (mean events/s)");
        m.put("processedPerSecond", "processed (mean records/s)");
        m.put("peakProcessedPerSecond", "processed (peak records/s)");
        m.put("peakLagRecords", "peak lag (records)");
        m.put("drainSeconds", "drain time (s)");
        m.put("maxProcessingResumedSeconds", "processing resumed after a fault (s, worst)");
        m.put("maxLagRecoveredSeconds", "lag recovered after a fault (s, worst)");
        m.put("maxPartitionShare", "largest partition's share (input or repartition topic)");
        m.put("maxPartitionLagRecords", "largest lag of one partition (records)");
        m.put("appCpuMicrosPerEvent", "app CPU per input record (µs, Kafka Streams threads)");
        return m;
    }

    public static void write(Path file, SweepResult result) throws IOException {
        Files.writeString(file, html(result), StandardCharsets.UTF_8);
    }

    static String html(SweepResult r) {
        StringBuilder b = new StringBuilder(HtmlReportPage.head("streamsim sweep: " + r.scenario()));
        b.append("<body>\n<h1>Sweep: ").append(escape(r.scenario())).append("</h1>\n");
        b.append("<p class=\"prompt\">").append(escape(r.prompt())).append("</p>\n");
        b.append("<section id=\"answer\"><h2>Answer</h2>\n<ul>\n");
        SweepAnswer.sentences(r).forEach(line -> b.append("<li>").append(escape(line)).append("</li>\n"));
        b.append("</ul></section>\n");
        if (!r.complete()) {
            b.append("<p class=\"incomplete\" id=\"incomplete\">Incomplete: stopped after ").append(r.runs().size())
                    .append(" of ").append(r.runsPlanned()).append(" runs.</p>\n");
        }
        b.append("<p>Varied: ");
        for (int i = 0; i < r.varies().size(); i++) {
            Vary v = r.varies().get(i);
            b.append(i == 0 ? "" : "; ").append("<code>").append(escape(v.path())).append("</code> = ")
                    .append(escape(String.join(", ", v.values())));
        }
        b.append(r.repeat() > 1 ? " · each " + r.repeat() + " times" : "").append(" · seed ").append(r.seed())
                .append(" · ").append(r.bootstrapServers() == null ? "each run on its own Kafka"
                        : "one broker for every run (" + escape(r.bootstrapServers()) + ")").append("</p>\n");
        b.append("<h2>Runs</h2>\n<table id=\"runs\">\n<tr><th>run</th>");
        r.varies().forEach(v -> b.append("<th>").append(escape(v.path())).append("</th>"));
        b.append("<th>outcome</th><th>sent/s</th><th>processed/s</th><th>peak lag</th><th>drain s</th>"
                + "<th>p50 s</th><th>p99 s</th><th>dropped late</th><th>oracle</th><th>recovered s</th>"
                + "<th>app CPU µs/record</th></tr>\n");
        for (SweepRow row : r.runs()) {
            b.append("<tr><td><a href=\"").append(escape(row.folder())).append("/report.html\">").append(row.run())
                    .append("</a></td>");
            r.varies().forEach(v -> b.append("<td>").append(escape(row.values().get(v.path()))).append("</td>"));
            b.append("<td>").append(escape(row.outcome())).append("</td>");
            for (String f : List.of("sentPerSecond", "processedPerSecond", "peakLagRecords", "drainSeconds",
                    "p50Seconds", "p99Seconds", "droppedLateFraction")) {
                b.append("<td class=\"num\">").append(escape(SweepFiles.field(rounded(row.figure(f))))).append("</td>");
            }
            b.append("<td>").append(escape(Objects.requireNonNullElse(row.oracleVerdict(), "–"))).append("</td>");
            b.append("<td class=\"num\">").append(escape(SweepFiles.field(rounded(row.maxLagRecoveredSeconds()))))
                    .append("</td>");
            b.append("<td class=\"num\">").append(escape(SweepFiles.field(rounded(row.appCpuMicrosPerEvent()))))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Figures</h2>\n<div id=\"sweep-charts\"></div>\n");
        b.append(HtmlReportPage.scripts(data(r), "sweep.js"));
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /** The charts' data: what was varied, each run's values and numeric figures, which figures have values. */
    static ObjectNode data(SweepResult r) {
        ObjectNode data = SweepFiles.JSON.createObjectNode();
        data.put("scenario", r.scenario());
        data.put("repeat", r.repeat());
        ArrayNode varies = data.putArray("varies");
        r.varies().forEach(v -> {
            ObjectNode n = varies.addObject().put("path", v.path());
            v.values().forEach(n.putArray("values")::add);
        });
        ArrayNode runs = data.putArray("runs");
        for (SweepRow row : r.runs()) {
            ObjectNode n = runs.addObject();
            n.put("run", row.run());
            ObjectNode values = n.putObject("values");
            row.values().forEach(values::put);
            CHARTED.keySet().forEach(f -> {
                Object v = row.figure(f);
                if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
                    n.put(f, num.doubleValue());
                } else {
                    n.putNull(f);
                }
            });
        }
        ArrayNode figures = data.putArray("figures");
        CHARTED.forEach((name, label) -> {
            if (r.runs().stream().anyMatch(row -> row.figure(name) != null)) {
                figures.addObject().put("name", name).put("label", label).put("unit", unit(name));
            }
        });
        SweepFile.TradeOff chosen = tradeOff(r);
        if (chosen != null) {
            ObjectNode t = data.putObject("tradeOff");
            t.putObject("x").put("name", chosen.x()).put("label", CHARTED.get(chosen.x()))
                    .put("unit", unit(chosen.x()));
            t.putObject("y").put("name", chosen.y()).put("label", CHARTED.get(chosen.y()))
                    .put("unit", unit(chosen.y()));
        } else {
            data.putNull("tradeOff");
        }
        return data;
    }

    /**
     * The trade-off chart's figures: the sweep file's, else dropped-late fraction (or processed rate, when nothing
     * was dropped) against p99 latency; null when no run measured a p99.
     */
    static SweepFile.TradeOff tradeOff(SweepResult r) {
        if (r.tradeOff() != null) {
            return r.tradeOff();
        }
        if (r.runs().stream().noneMatch(row -> row.p99Seconds() != null)) {
            return null;
        }
        return new SweepFile.TradeOff("p99Seconds", r.runs().stream()
                .anyMatch(row -> row.droppedLateFraction() != null && row.droppedLateFraction() > 0)
                ? "droppedLateFraction" : "processedPerSecond");
    }

    /** A figure's unit, short enough for the y axis. */
    static String unit(String figure) {
        if (figure.endsWith("Seconds")) {
            return "seconds";
        }
        if (FigureFormat.isFraction(figure)) {
            return "fraction";
        }
        return switch (figure) {
            case "sentPerSecond" -> "events/s";
            case "processedPerSecond", "peakProcessedPerSecond" -> "records/s";
            case "appCpuMicrosPerEvent" -> "µs per record";
            default -> "records";
        };
    }

    private static Object rounded(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return Math.abs(d) >= 100 ? (double) Math.round(d) : Math.round(d * 10000) / 10000.0;
        }
        return value;
    }
}

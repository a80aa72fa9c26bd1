package io.streamsim.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsim.model.scenario.RateTimeline;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.run.RunControl.TimelineEvent;
import io.streamsim.simulator.run.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@code report.html} and the live page share: the web assets (read from the classpath, so that every page is
 * self-contained and nothing is fetched at view time) and the chart data in the form {@code charts.js} reads.
 */
public final class HtmlReportPage {

    private static final String ASSETS = "/io/streamsim/simulator/web/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** uPlot's files in its webjar ({@code org.webjars.npm:uplot}), inlined into every page with charts. */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    private HtmlReportPage() {
    }

    /** A web asset of the simulator, e.g. {@code charts.js}. */
    public static String asset(String name) {
        return resource(ASSETS + name);
    }

    /** uPlot's script and stylesheet, from its webjar on the classpath: pages fetch nothing. */
    public static String uplot(String file) {
        return resource(UPLOT + file);
    }

    private static String resource(String path) {
        try (InputStream in = HtmlReportPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("web asset missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The charts' data: the samples, the rate phases of {@code scenario.timeline()} and the timeline events as
     * markers, and the lateness histogram when there is one ({@code null} otherwise).
     */
    public static ObjectNode chartData(Scenario scenario, List<Sample> samples, List<TimelineEvent> events,
                                       JsonNode lateness) {
        ObjectNode data = JSON.createObjectNode();
        data.put("scenario", scenario.name());
        data.put("durationSeconds", scenario.duration().toMillis() / 1000.0);
        ArrayNode phases = data.putArray("phases");
        String previous = null;
        for (RateTimeline.Segment s : scenario.timeline().segments()) {
            // A spike is two segments of one phase: its burst and its return both get a marker.
            String label = s.label().equals(previous) ? s.label() + " (after spike)" : s.label();
            previous = s.label();
            phases.addObject().put("atSeconds", s.startNanos() / 1e9).put("label",
                    label + " " + rate(s.startRate()) + (s.startRate() == s.endRate() ? "/s" : "→" + rate(s.endRate()) + "/s"));
        }
        ArrayNode eventsNode = data.putArray("events");
        events.forEach(e -> eventsNode.add(event(e)));
        ArrayNode samplesNode = data.putArray("samples");
        samples.forEach(s -> samplesNode.add(sample(s)));
        data.set("lateness", lateness == null || lateness.isNull() || lateness.isMissingNode() ? null : lateness);
        return data;
    }

    /** One sample as {@code charts.js} reads it; NaN latencies (no result that second) become null. */
    public static ObjectNode sample(Sample s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("t", s.elapsedSeconds());
        n.put("stage", s.stage());
        n.put("target", s.targetEventsPerSecond());
        n.put("sent", s.sentPerSecond());
        n.put("processed", s.processedPerSecond());
        n.put("recordsSent", s.recordsSent());
        n.put("recordsProcessed", s.recordsProcessed());
        n.put("lag", s.lagRecords());
        ArrayNode lag = n.putArray("partitionLag");
        s.partitionLag().forEach(lag::add);
        n.put("windowResults", s.windowResults());
        n.put("droppedLate", s.droppedLate());
        n.put("deadLettered", s.deadLettered());
        n.put("rebalances", s.rebalances());
        number(n, "p50", s.endToEndP50Seconds());
        number(n, "p99", s.endToEndP99Seconds());
        n.put("faults", s.faults());
        ArrayNode partitionProcessed = n.putArray("partitionProcessed");
        s.skew().partitionProcessedPerSecond().forEach(partitionProcessed::add);
        ArrayNode committed = n.putArray("partitionCommitted");
        s.partitionCommitted().forEach(committed::add);
        ObjectNode busy = n.putObject("threadBusy");
        s.skew().threads().forEach(t -> busy.put(t.name(), t.busy()));
        return n;
    }

    public static ObjectNode event(TimelineEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("atSeconds", e.atSeconds());
        n.put("description", e.description());
        n.put("outcome", e.outcome());
        return n;
    }

    /** JSON for a {@code <script type="application/json">} element: {@code </} cannot end the element early. */
    public static String scriptJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).replace("</", "<\\/").replace("<!--", "<\\!--");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '&':
                    b.append("&amp;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&#39;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    /** The head of a page: title, the inlined stylesheet. */
    public static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                // No favicon request: the page fetches nothing, not even that.
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + uplot("uPlot.min.css") + "\n" + asset("streamsim.css")
                + "</style>\n</head>\n";
    }

    /** The chart containers {@code charts.js} fills, in page order. */
    public static String chartContainers() {
        return "<div id=\"chart-rate\" class=\"chart-box\"></div>\n<div id=\"chart-lag\" class=\"chart-box\"></div>\n"
                + "<div id=\"chart-latency\" class=\"chart-box\"></div>\n"
                + "<div id=\"chart-dropped\" class=\"chart-box\"></div>\n"
                + "<div id=\"chart-lateness\" class=\"chart-box\"></div>\n"
                + "<div id=\"chart-partitions\" class=\"chart-box\"></div>\n"
                + "<div id=\"chart-partition-share\" class=\"chart-box\"></div>\n"
                + "<div id=\"chart-threads\" class=\"chart-box\"></div>\n";
    }

    /** The data element, the chart script and the page's own script, all inline. */
    public static String scripts(JsonNode data, String pageScript) {
        return "<script type=\"application/json\" id=\"run-data\">" + scriptJson(data) + "</script>\n"
                + "<script>\n" + uplot("uPlot.iife.min.js") + "\n</script>\n"
                + "<script>\n" + asset("charts.js") + "</script>\n<script>\n" + asset(pageScript) + "</script>\n";
    }

    private static void number(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, value);
        } else {
            n.putNull(field);
        }
    }

    private static String rate(double eventsPerSecond) {
        return eventsPerSecond == Math.rint(eventsPerSecond) ? String.valueOf((long) eventsPerSecond)
                : String.format(java.util.Locale.ROOT, "%.1f", eventsPerSecond);
    }
}

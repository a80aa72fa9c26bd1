package io.streamsim.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.answer.AnswerSheet;
import io.streamsim.simulator.run.RunControl.TimelineEvent;
import io.streamsim.simulator.run.CpuFigures;
import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.WindowShape;
import io.streamsim.simulator.run.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's {@code report.html}: one self-contained file (styles, chart script and data inline, nothing
 * fetched at view time). It opens with the prompt and the answer (the talking points with this run's numbers,
 * conditionals resolved: {@link AnswerSheet}), before the key figures and the throughput, lag, latency,
 * dropped-late and lateness charts marked with the rate phases and the faults, and the oracle verdict.
 */
public final class HtmlReport {

    public static final String FILE_NAME = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private HtmlReport() {
    }

    /** Writes {@code folder/report.html} and returns its path. */
    public static Path write(Path folder, Scenario scenario, RunSummary summary, List<Sample> samples)
            throws IOException {
        Path file = folder.resolve(FILE_NAME);
        Files.writeString(file, render(scenario, summary, samples), StandardCharsets.UTF_8);
        return file;
    }

    static String render(Scenario scenario, RunSummary summary, List<Sample> samples) {
        JsonNode tree = JSON.valueToTree(summary);
        List<TimelineEvent> events = summary.faults() == null ? List.of() : summary.faults().stream()
                .map(f -> new TimelineEvent(f.atSeconds(), f.fault(), f.outcome())).toList();
        JsonNode lateness = tree.path("oracle").path("lateness");
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append(HtmlReportPage.head("streamsim: " + summary.scenario()));
        b.append("<body>\n<header>\n<h1>").append(HtmlReportPage.escape(summary.scenario())).append("</h1>\n<p>")
                .append(outcomeBadge(summary)).append(' ').append(verdictBadge(summary)).append(' ')
                .append(expectationsBadge(summary)).append("<br>")
                .append(HtmlReportPage.escape(String.format(Locale.ROOT, "seed %d · %s → %s · %s, %d broker(s), "
                                + "%d app instance(s), %s", summary.seed(), summary.startedAt(), summary.finishedAt(),
                        summary.target().mode(), summary.target().brokers(), summary.target().appInstances(),
                        summary.target().guarantee())))
                .append("</p>\n");
        String prompt = summary.prompt() == null || summary.prompt().isBlank() ? scenario.prompt() : summary.prompt();
        if (prompt != null && !prompt.isBlank()) {
            b.append("<p class=\"prompt\" id=\"prompt\">").append(HtmlReportPage.escape(prompt)).append("</p>\n");
        }
        b.append("</header>\n");
        answer(b, scenario, summary);
        keyFigures(b, summary);
        windowShape(b, summary);
        SkewSection.append(b, summary);
        StageSkewSection.append(b, summary);
        phases(b, summary);
        b.append("<h2>Charts</h2>\n<p class=\"note\">Dashed grey lines mark the rate phases, red lines the faults "
                + "and controls.</p>\n").append(HtmlReportPage.chartContainers());
        oracle(b, summary);
        expectations(b, summary);
        faults(b, summary);
        catchUps(b, summary);
        b.append(HtmlReportPage.scripts(HtmlReportPage.chartData(scenario, samples, events, lateness), "report.js"));
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The answer: the talking points with this run's figures, conditionals resolved; a figure the run did not measure
     * and a condition it could not decide are marked.
     */
    private static void answer(StringBuilder b, Scenario scenario, RunSummary summary) {
        List<AnswerSheet.Line> lines = AnswerSheet.of(scenario.points(), summary);
        if (lines.isEmpty()) {
            return;
        }
        b.append("<section id=\"answer\">\n<h2>Answer</h2>\n<ul id=\"talking-points\">\n");
        for (AnswerSheet.Line line : lines) {
            b.append("<li class=\"").append(line.kind().name().toLowerCase(Locale.ROOT)).append("\">");
            for (AnswerSheet.Part p : line.parts()) {
                if (p.figure() == null) {
                    b.append(HtmlReportPage.escape(p.text()));
                } else {
                    b.append("<strong class=\"").append(p.measured() ? "figure" : "figure unmeasured")
                            .append("\" title=\"").append(HtmlReportPage.escape(p.figure())).append("\">")
                            .append(HtmlReportPage.escape(p.text())).append("</strong>");
                }
            }
            b.append("</li>\n");
        }
        b.append("</ul>\n</section>\n");
    }

    private static void keyFigures(StringBuilder b, RunSummary s) {
        b.append("<h2>Key figures</h2>\n<table id=\"key-figures\">\n");
        RunSummary.Throughput t = s.throughput();
        RunSummary.Totals n = s.totals();
        RunSummary.Latency l = s.latency();
        if (t != null) {
            row(b, "Target peak rate", number(t.targetPeakEventsPerSecond()), "events/s");
            row(b, "Sent (mean / peak)", number(t.meanSentPerSecond()) + " / " + number(t.peakSentPerSecond()), "events/s");
            row(b, "Processed (mean / peak)", number(t.meanProcessedPerSecond()) + " / "
                    + number(t.peakProcessedPerSecond()), "records/s");
        }
        if (l != null) {
            row(b, "End-to-end latency p50 / p95 / p99 / max", number(l.p50Seconds()) + " / " + number(l.p95Seconds())
                    + " / " + number(l.p99Seconds()) + " / " + number(l.maxSeconds()), "s");
        }
        if (s.lag() != null) {
            row(b, "Peak consumer lag", s.lag().peakRecords() + " at " + number(s.lag().peakAtSeconds()) + " s",
                    "records");
        }
        if (n != null) {
            row(b, "Records sent / acked / failed", n.recordsSent() + " / " + n.recordsAcked() + " / "
                    + n.recordsFailed(), "records");
            row(b, "Processed / reprocessed", n.recordsProcessed() + " / " + n.recordsReprocessed(), "records");
            row(b, "Dropped late (Kafka / app)", n.droppedLateKafka() + " / " + n.droppedLateApp(),
                    "(record, window) pairs");
            row(b, "Poison written / dead-lettered", n.poisonWritten() + " / " + n.deadLettered(), "records");
            if (n.windowResults() != null) {
                row(b, "Window results / windows", n.windowResults().outputRecords() + " / "
                        + n.windowResults().windows(), "");
            }
        }
        CpuFigures cpu = s.cpu();
        if (cpu != null && cpu.appThreadsSeconds() != null) {
            row(b, "App threads CPU (total / per input record)", number(cpu.appThreadsSeconds()) + " s / "
                    + (cpu.microsPerEvent() == null ? "n/a" : number(cpu.microsPerEvent()) + " µs"),
                    "Kafka Streams threads of every instance and life");
        }
        b.append("</table>\n");
    }

    private static void windowShape(StringBuilder b, RunSummary s) {
        WindowShape w = s.windowShape();
        if (w == null) {
            return;
        }
        b.append("<h2>Windows on the output</h2>\n<table id=\"window-shape\">\n");
        row(b, "Windows / keys", w.windows() + " / " + w.keys(), "");
        WindowShape.SessionFigures f = w.sessions();
        if (f != null) {
            row(b, "Session length p50 / p99 / max", number(f.lengthP50Seconds()) + " / " + number(f.lengthP99Seconds())
                    + " / " + number(f.lengthMaxSeconds()), "s (last record - first)");
            row(b, "Sessions per key (mean / max)", number(f.sessionsPerKeyMean()) + " / " + f.sessionsPerKeyMax(), "");
        }
        b.append("</table>\n");
    }

    private static void phases(StringBuilder b, RunSummary s) {
        if (s.phases() == null || s.phases().isEmpty()) {
            return;
        }
        b.append("<h2>Rate phases</h2>\n<table id=\"phases\">\n<tr><th>phase</th><th>from–to (s)</th>"
                + "<th>target/s</th><th>sent/s</th><th>processed/s</th><th>peak lag</th>"
                + "<th>lag drained after end (s)</th></tr>\n");
        for (RunSummary.PhaseFigures p : s.phases()) {
            b.append("<tr><td>").append(HtmlReportPage.escape(p.phase())).append("</td><td class=\"num\">")
                    .append(number(p.fromSeconds())).append("–").append(number(p.toSeconds()))
                    .append("</td><td class=\"num\">").append(number(p.targetEventsPerSecond()))
                    .append("</td><td class=\"num\">").append(number(p.sentPerSecond()))
                    .append("</td><td class=\"num\">").append(number(p.processedPerSecond()))
                    .append("</td><td class=\"num\">").append(p.peakLagRecords())
                    .append("</td><td class=\"num\">")
                    .append(p.lagDrainedAfterEndSeconds() == null ? "–" : number(p.lagDrainedAfterEndSeconds()))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void oracle(StringBuilder b, RunSummary s) {
        b.append("<h2>Oracle</h2>\n<p id=\"oracle-verdict\">");
        if (s.oracle() == null) {
            b.append("The oracle did not run (the run stopped early).");
        } else {
            b.append(verdictBadge(s)).append(' ').append(HtmlReportPage.escape(s.oracle().verdict()));
            var c = s.oracle().counts();
            if (c != null) {
                b.append("<br>").append(HtmlReportPage.escape(String.format(Locale.ROOT,
                        "windows: %d expected, %d matched, %d missing, %d wrong, %d unexpected; contributions: %d "
                                + "expected, %d actual, %d counted twice, %d missing; %d dropped late expected",
                        c.windowsExpected(), c.windowsMatched(), c.windowsMissing(), c.windowsWrong(),
                        c.windowsUnexpected(), c.contributionsExpected(), c.contributionsActual(),
                        c.contributionsCountedTwice(), c.contributionsMissing(), c.droppedLateExpected())));
            }
        }
        b.append("</p>\n");
        StepsSection.append(b, s);
        EnrichSection.append(b, s);
        TableLoadsSection.append(b, s);
        viewedTwiceThenBought(b, s);
    }

    /** The sequence question's answer, from the output beside the oracle's, when the windows carry views. */
    private static void viewedTwiceThenBought(StringBuilder b, RunSummary s) {
        var v = s.oracle() == null ? null : s.oracle().viewedTwiceThenBought();
        if (v == null) {
            return;
        }
        b.append("<h3>Viewed twice, then bought</h3>\n<p id=\"viewed-twice-then-bought\">")
                .append(HtmlReportPage.escape(String.format(Locale.ROOT,
                        "%d keys (user and product) from the output, %d expected by the oracle; %d windows from the "
                                + "output, %d expected",
                        v.keysFromOutput(), v.keysExpected(), v.windowsFromOutput(), v.windowsExpected())))
                .append("</p>\n");
    }

    private static void expectations(StringBuilder b, RunSummary s) {
        if (s.expectations() == null || s.expectations().isEmpty()) {
            return;
        }
        b.append("<h2>Expectations</h2>\n<table id=\"expectations\">\n<tr><th>expectation</th><th>expected</th>"
                + "<th>actual</th><th></th></tr>\n");
        for (RunSummary.ExpectationResult e : s.expectations()) {
            b.append("<tr><td>").append(HtmlReportPage.escape(e.name())).append("</td><td>")
                    .append(HtmlReportPage.escape(e.expected())).append("</td><td>")
                    .append(HtmlReportPage.escape(e.actual())).append("</td><td>")
                    .append(e.met() ? "<span class=\"badge ok\">met</span>" : "<span class=\"badge bad\">not met</span>")
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void faults(StringBuilder b, RunSummary s) {
        if (s.faults() == null || s.faults().isEmpty()) {
            return;
        }
        b.append("<h2>Faults and recovery</h2>\n<table id=\"faults\">\n<tr><th>at (s)</th><th>fault</th>"
                + "<th>outcome</th><th>peak lag</th><th>processing resumed after (s)</th>"
                + "<th>lag recovered after (s)</th><th>rebalances</th><th>longest stall (s)</th></tr>\n");
        for (RunSummary.FaultRecovery f : s.faults()) {
            b.append("<tr><td class=\"num\">").append(number(f.atSeconds())).append("</td><td>")
                    .append(HtmlReportPage.escape(f.fault()))
                    .append(f.overlapping() ? " <span class=\"overlap\">(overlapping: episode " + f.episode()
                            + ", figures to its end)</span>" : "")
                    .append("</td><td>")
                    .append(HtmlReportPage.escape(f.outcome())).append("</td><td class=\"num\">")
                    .append(f.peakLagRecords()).append("</td><td class=\"num\">")
                    .append(f.processingResumedAfterSeconds() == null ? "–" : number(f.processingResumedAfterSeconds()))
                    .append("</td><td class=\"num\">")
                    .append(f.lagRecoveredAfterSeconds() == null ? "–" : number(f.lagRecoveredAfterSeconds()))
                    .append("</td><td class=\"num\">").append(f.rebalances()).append("</td><td class=\"num\">")
                    .append(number(f.longestStallSeconds())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** Backfills and replays: how long the app took to catch up, and what became of the backfill. */
    private static void catchUps(StringBuilder b, RunSummary s) {
        if (s.catchUps() == null || s.catchUps().isEmpty()) {
            return;
        }
        b.append("<h2>Backfill and replay</h2>\n<table id=\"catch-ups\">\n<tr><th>at (s)</th><th>fault</th>"
                + "<th>caught up after (s)</th><th>records/s while catching up</th><th>lag before / peak</th>"
                + "<th>p99 before / peak (s)</th><th>backfilled dropped late</th></tr>\n");
        for (RunSummary.CatchUp c : s.catchUps()) {
            b.append("<tr><td class=\"num\">").append(number(c.atSeconds())).append("</td><td>")
                    .append(HtmlReportPage.escape(c.fault())).append("</td><td class=\"num\">")
                    .append(c.catchUpSeconds() == null ? "–" : number(c.catchUpSeconds()))
                    .append("</td><td class=\"num\">").append(number(c.reprocessedPerSecond()))
                    .append("</td><td class=\"num\">").append(number(c.lagBeforeRecords())).append(" / ")
                    .append(c.peakLagRecords()).append("</td><td class=\"num\">").append(number(c.p99BeforeSeconds()))
                    .append(" / ").append(number(c.peakP99Seconds())).append("</td><td class=\"num\">")
                    .append(c.backfill() == null || c.backfill().recordsDroppedLate() == null ? "–"
                            : c.backfill().recordsDroppedLate() + " of " + c.backfill().acked())
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String name, String value, String unit) {
        b.append("<tr><td>").append(HtmlReportPage.escape(name)).append("</td><td class=\"num\">")
                .append(HtmlReportPage.escape(value)).append("</td><td>").append(HtmlReportPage.escape(unit))
                .append("</td></tr>\n");
    }

    private static String outcomeBadge(RunSummary s) {
        return "<span class=\"badge " + (s.completed() ? "ok" : "bad") + "\" id=\"outcome\">"
                + HtmlReportPage.escape(s.outcome()) + "</span>";
    }

    private static String verdictBadge(RunSummary s) {
        if (s.oracle() == null) {
            return "<span class=\"badge none\">oracle: not run</span>";
        }
        boolean exact = "exact".equals(s.oracle().verdict());
        return "<span class=\"badge " + (exact ? "ok" : "bad") + "\">oracle: "
                + HtmlReportPage.escape(exact ? "exact" : "differs") + "</span>";
    }

    private static String expectationsBadge(RunSummary s) {
        if (s.expectations() == null || s.expectations().isEmpty()) {
            return "";
        }
        return s.expectationsMet() ? "<span class=\"badge ok\">expectations met</span>"
                : "<span class=\"badge bad\">expectations not met</span>";
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        String s = String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}

package io.streamsim.simulator.report;

import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.WindowShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.run.Sample;
import io.streamsim.simulator.ui.Browsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Scenario scenario = ReportFixtures.scenario();
    private final RunSummary summary = ReportFixtures.summary(scenario);
    private final List<Sample> samples = ReportFixtures.samples(35);

    @Test
    void write_aRun_leavesReportHtmlInTheFolder() throws Exception {
        Path file = HtmlReport.write(dir, scenario, summary, samples);

        assertThat(file).isEqualTo(dir.resolve("report.html")).isNotEmptyFile();
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("report-demo");
    }

    @Test
    void write_aRun_fetchesNothingFromTheNetwork() throws Exception {
        String html = Files.readString(HtmlReport.write(dir, scenario, summary, samples));

        Matcher sources = Pattern.compile("(?i)\\b(src|href|srcset|action)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html);
        assertThat(sources.find()).as("a src/href to the network").isFalse();
        assertThat(html).doesNotContainPattern("(?i)<link[^>]+rel=[\"']?stylesheet");
        assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=");
        assertThat(html).doesNotContainPattern("(?i)@import|url\\(\\s*[\"']?https?:");
        assertThat(html).contains("StreamsimCharts");
    }

    @Test
    void write_aRun_carriesEverySampleAndTheMarkers() throws Exception {
        JsonNode data = data(Files.readString(HtmlReport.write(dir, scenario, summary, samples)));

        assertThat(data.get("samples")).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            JsonNode s = data.get("samples").get(i);
            assertThat(s.get("t").asDouble()).isEqualTo(samples.get(i).elapsedSeconds());
            assertThat(s.get("sent").asDouble()).isEqualTo(samples.get(i).sentPerSecond());
            assertThat(s.get("partitionLag")).hasSize(3);
        }
        assertThat(data.get("samples").get(0).get("p99").isNull()).as("NaN latency is null").isTrue();
        assertThat(data.get("phases").findValuesAsText("atSeconds")).containsExactly("0.0", "10.0", "20.0");
        assertThat(data.get("events").findValuesAsText("description"))
                .containsExactly("kill app-instance-1", "restart app-instance-1");
        assertThat(data.get("lateness").get("counts")).hasSize(12);
    }

    @Test
    void write_talkingPoints_answerWithTheRunsFiguresAndTheBranchTheyChose() throws Exception {
        String html = Files.readString(HtmlReport.write(dir, scenario, summary, samples));
        var doc = Jsoup.parse(html);

        var points = doc.select("#answer #talking-points li");
        assertThat(points).hasSize(3);
        assertThat(points.get(0).text()).isEqualTo("p99 was 9.36s with 17 dropped late.");
        assertThat(points.get(1).text()).isEqualTo("The kill at 12s: lag back after 8.5s.");
        assertThat(points.get(2).text()).isEqualTo("Slow: p99 9.36s, 17 dropped by the oracle.");
        assertThat(points.get(2).hasClass("concluded")).isTrue();
        assertThat(points.get(0).select("strong.figure").attr("title")).isEqualTo("latency.p99Seconds");
        assertThat(doc.select("#prompt").text()).isEqualTo("Describe how to handle late-arriving data <at scale>.");
        assertThat(doc.select("#oracle-verdict").text()).contains("exact");
        assertThat(doc.select("#key-figures").text()).contains("9.359", "4679", "17 / 17");
        assertThat(doc.select("#phases tr")).hasSize(3);
        assertThat(doc.select("#phases").text()).contains("rate[1]", "6.5");
    }

    @Test
    void write_aRun_opensWithThePromptThenTheAnswerBeforeAnyFigureOrChart() throws Exception {
        var body = Jsoup.parse(Files.readString(HtmlReport.write(dir, scenario, summary, samples))).body();

        List<String> order = body.select("#prompt, #answer, #key-figures, #phases, .chart, [id^=chart]").stream()
                .map(e -> e.id().isEmpty() ? e.className() : e.id()).toList();

        assertThat(order).hasSizeGreaterThan(3);
        assertThat(order.subList(0, 3)).containsExactly("prompt", "answer", "key-figures");
    }

    @Test
    void write_oracleNotRun_figuresReadNotMeasuredAndConditionsOverThemAreUndecided() throws Exception {
        Scenario s = io.streamsim.model.scenario.ScenarioLoader.parse(ReportFixtures.YAML.replace(
                "latency.p99Seconds < 5 and checks.drained == true", "oracle.counts.windowsMissing == 0"),
                "test", "report-demo");
        RunSummary stopped = new RunSummary(summary.scenario(), summary.seed(), summary.prompt(), false, "stopped",
                summary.startedAt(), summary.finishedAt(), summary.eventTimeOrigin(), summary.versions(),
                summary.target(), summary.topics(), summary.totals(), summary.checks(), summary.throughput(),
                summary.latency(), summary.lag(), null, List.of(), List.of(), List.of(), List.of());

        var points = Jsoup.parse(Files.readString(HtmlReport.write(dir, s, stopped, List.of())))
                .select("#talking-points li");

        assertThat(points.get(1).text()).isEqualTo("The kill at [not measured]s: lag back after [not measured]s.");
        assertThat(points.get(1).select("strong.unmeasured")).hasSize(2);
        assertThat(points.get(2).text()).isEqualTo("Not decided: whether oracle.counts.windowsMissing == 0 (not"
                + " measured in this run: oracle.counts.windowsMissing).");
        assertThat(points.get(2).hasClass("undecided")).isTrue();
    }

    @Test
    void write_sessionWindowShape_showsWindowsAndSessionLengths() throws Exception {
        RunSummary withShape = new RunSummary(summary.scenario(), summary.seed(), summary.prompt(), true, "completed",
                summary.startedAt(), summary.finishedAt(), summary.eventTimeOrigin(), summary.versions(),
                summary.target(), summary.topics(), summary.totals(), summary.checks(), summary.throughput(),
                summary.latency(), summary.lag(), summary.oracle(), summary.phases(), summary.faults(),
                summary.expectations(), summary.talkingPoints(), List.of(),
                new WindowShape(1200, 300, new WindowShape.SessionFigures(12.5, 95.0, 140.0, 4.0, 9)), null, null);

        String html = Files.readString(HtmlReport.write(dir, scenario, withShape, List.of()));

        assertThat(Jsoup.parse(html).select("#window-shape").text())
                .contains("Windows / keys 1200 / 300")
                .contains("Session length p50 / p99 / max 12.5 / 95 / 140")
                .contains("Sessions per key (mean / max) 4 / 9");
    }

    @Test
    void write_noOracleAndNoSamples_stillWritesAPage() throws Exception {
        RunSummary stopped = new RunSummary(summary.scenario(), summary.seed(), summary.prompt(), false, "stopped",
                summary.startedAt(), summary.finishedAt(), summary.eventTimeOrigin(), summary.versions(),
                summary.target(), summary.topics(), summary.totals(), summary.checks(), summary.throughput(),
                summary.latency(), summary.lag(), null, List.of(), List.of(), List.of(), List.of());

        String html = Files.readString(HtmlReport.write(dir, scenario, stopped, List.of()));

        assertThat(Jsoup.parse(html).select("#oracle-verdict").text()).contains("did not run");
        assertThat(data(html).get("samples")).isEmpty();
        assertThat(data(html).get("lateness").isNull()).isTrue();
    }

    @Test
    void summaryJson_withLatenessHistogram_roundTrips() throws Exception {
        RunFolder.write(dir, scenario, summary, samples);
        assertThat(dir.resolve("report.html")).exists();

        RunSummary read = RunFolder.readSummary(dir);

        assertThat(read.oracle().lateness()).isEqualTo(summary.oracle().lateness());
    }

    @Test
    void report_inHeadlessChromium_drawsEveryChartWithoutConsoleErrors() throws Exception {
        Browsers.assumeChromium();
        Path file = HtmlReport.write(dir, scenario, summary, samples);
        ChromeDriver driver = Browsers.chromium(dir.resolve("profile"));
        try {
            driver.get(file.toUri().toString());

            for (String id : List.of("chart-rate", "chart-lag", "chart-latency", "chart-dropped")) {
                WebElement box = driver.findElement(By.id(id));
                assertThat(box.getAttribute("data-samples")).as(id).isEqualTo(String.valueOf(samples.size()));
                assertThat(box.findElements(By.cssSelector(".uplot canvas"))).as(id + " drawn by uPlot").isNotEmpty();
                Number longest = (Number) driver.executeScript("var u = StreamsimCharts.chart(arguments[0]);"
                        + " return Math.max.apply(null, u.data.slice(1).map(function (a) {"
                        + " return a.filter(function (v) { return v !== null; }).length; }));", id);
                assertThat(longest.intValue()).as(id + " points").isGreaterThanOrEqualTo(samples.size() - 2);
                assertThat(box.findElements(By.cssSelector(".marker.event"))).as(id + " fault markers").hasSize(2);
                assertThat(box.findElements(By.cssSelector(".marker.phase"))).as(id + " phase markers").hasSize(2);
            }
            assertThat(JSON.readTree(driver.findElement(By.id("chart-lag")).getAttribute("data-series"))).hasSize(4);
            // Hover: the cursor on the tenth sample puts that second's values in the legend.
            List<?> shown = (List<?>) driver.executeScript("var u = StreamsimCharts.chart('chart-rate');"
                    + " u.setCursor({left: u.valToPos(u.data[0][9], 'x'), top: 10});"
                    + " return [u.root.querySelectorAll('.u-legend .u-series')[2].querySelector('.u-value')"
                    + ".textContent, StreamsimCharts.format(arguments[0])];", samples.get(9).sentPerSecond());
            assertThat(shown.get(0)).as("sent at the tenth second, in the legend").isEqualTo(shown.get(1))
                    .isNotEqualTo("–");
            assertThat(driver.findElement(By.id("chart-lateness")).getAttribute("data-bars")).isEqualTo("8");
            assertThat(Browsers.consoleErrors(driver)).isEmpty();
        } finally {
            driver.quit();
        }
    }

    private static JsonNode data(String html) throws Exception {
        return JSON.readTree(Jsoup.parse(html).getElementById("run-data").data());
    }

    @Test
    void write_runWithAppCpu_showsItInTheKeyFigures() throws Exception {
        RunSummary withCpu = ReportFixtures.withCpu(summary,
                io.streamsim.simulator.run.CpuFigures.of(java.time.Duration.ofMillis(1500), 30_000));

        var doc = Jsoup.parse(Files.readString(HtmlReport.write(dir, scenario, withCpu, samples)));

        assertThat(doc.select("#key-figures").text()).contains("App threads CPU (total / per input record)",
                "1.5 s / 50 µs");
    }
}

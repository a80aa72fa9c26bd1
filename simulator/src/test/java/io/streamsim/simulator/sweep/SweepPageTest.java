package io.streamsim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.ui.Browsers;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

class SweepPageTest {

    @TempDir
    Path dir;

    @Test
    void html_incompleteSweep_saysSoAndLinksEachRunsReport() {
        String html = SweepPage.html(SweepFilesTest.result(false, List.of(SweepFilesTest.row(1, "2s", 1))));

        var doc = Jsoup.parse(html);
        assertThat(doc.select("#incomplete").text()).isEqualTo("Incomplete: stopped after 1 of 2 runs.");
        assertThat(doc.select("#runs a").attr("href")).isEqualTo("runs/r1/report.html");
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    @SuppressWarnings("unchecked")
    void page_inHeadlessChromium_drawsEachFigureAgainstTheVariedPathAndTheTradeOff() throws Exception {
        Browsers.assumeChromium();
        SweepResult result = SweepFilesTest.result(true, List.of(SweepFilesTest.row(1, "2s", 1),
                SweepFilesTest.row(2, "10s", 1)));
        SweepFiles.write(dir, result);
        ChromeDriver driver = Browsers.chromium(dir.resolve("profile"));
        try {
            driver.get(dir.resolve("sweep.html").toUri().toString());

            for (String figure : List.of("droppedLateFraction", "p99Seconds", "processedPerSecond", "peakLagRecords",
                    "drainSeconds", "maxLagRecoveredSeconds")) {
                assertThat(driver.findElements(By.cssSelector("#sweep-chart-" + figure + " .uplot canvas")))
                        .as(figure).isNotEmpty();
            }
            assertThat(driver.findElement(By.id("sweep-chart-p99Seconds")).getAttribute("data-samples"))
                    .isEqualTo("2");
            // Hover on the second value (10s): its p99 is in the legend.
            List<Object> shown = (List<Object>) driver.executeScript("var u = StreamsimCharts.chart('sweep-chart-p99Seconds');"
                    + " u.setCursor({left: u.valToPos(1, 'x'), top: 10});"
                    + " var rows = u.root.querySelectorAll('.u-legend .u-series');"
                    + " return [rows[0].querySelector('.u-value').textContent,"
                    + " rows[1].querySelector('.u-value').textContent];");
            assertThat(shown).containsExactly("10s", "9.36");
            List<?> tradeOff = (List<?>) driver.executeScript(
                    "return StreamsimCharts.chart('sweep-chart-tradeoff').data[0];");
            assertThat(tradeOff).hasSize(2);
            assertThat(driver.findElements(By.cssSelector("#sweep-chart-tradeoff .point-label")))
                    .extracting(e -> e.getText()).containsExactly("2s", "10s");
            assertThat(Browsers.consoleErrors(driver)).isEmpty();
        } finally {
            driver.quit();
        }
    }

    @Test
    void page_repeatedRuns_drawTheSpreadAsABandBetweenMinAndMax() throws Exception {
        Browsers.assumeChromium();
        SweepResult once = SweepFilesTest.result(true, List.of());
        SweepResult result = new SweepResult(once.scenario(), once.prompt(), once.seed(), once.varies(), 2,
                once.startedAt(), once.finishedAt(), true, 4, null, List.of(SweepFilesTest.row(1, "2s", 1),
                SweepFilesTest.row(2, "2s", 2), SweepFilesTest.row(3, "10s", 1), SweepFilesTest.row(4, "10s", 2)));
        SweepFiles.write(dir, result);
        ChromeDriver driver = Browsers.chromium(dir.resolve("profile"));
        try {
            driver.get(dir.resolve("sweep.html").toUri().toString());

            Object bands = driver.executeScript("return StreamsimCharts.chart('sweep-chart-p99Seconds').bands.length;");
            assertThat(((Number) bands).intValue()).isEqualTo(1);
            assertThat(driver.findElement(By.id("sweep-chart-p99Seconds")).getAttribute("data-series"))
                    .isEqualTo("[\"p99 end-to-end latency (s)\",\"p99 end-to-end latency (s) max\","
                            + "\"p99 end-to-end latency (s) min\"]");
            assertThat(Browsers.consoleErrors(driver)).isEmpty();
        } finally {
            driver.quit();
        }
    }

    @Test
    void data_rowsWithAppCpu_chartItAndOfferItToTheTradeOff() {
        SweepRow cpuRow = SweepRow.of(SweepFilesTest.planned(1, "2s", 1), "runs/r1",
                io.streamsim.simulator.report.ReportFixtures.withCpu(
                        io.streamsim.simulator.report.ReportFixtures.summary(
                                io.streamsim.simulator.report.ReportFixtures.scenario()),
                        io.streamsim.simulator.run.CpuFigures.of(java.time.Duration.ofMillis(1500), 30_000)),
                io.streamsim.simulator.report.ReportFixtures.samples(35));

        var data = SweepPage.data(SweepFilesTest.result(false, List.of(cpuRow)));

        assertThat(data.get("runs").get(0).get("appCpuMicrosPerEvent").asDouble()).isEqualTo(50.0);
        assertThat(data.get("figures").findValuesAsText("name")).contains("appCpuMicrosPerEvent");
        assertThat(SweepPage.unit("appCpuMicrosPerEvent")).isEqualTo("µs per record");
        var runs = Jsoup.parse(SweepPage.html(SweepFilesTest.result(false, List.of(cpuRow)))).select("#runs");
        assertThat(runs.select("th").last().text()).isEqualTo("app CPU µs/record");
        assertThat(runs.select("td").last().text()).isEqualTo("50");
    }

    @Test
    void data_rowsWithoutAppCpu_leaveItsChartOut() {
        var data = SweepPage.data(SweepFilesTest.result(false, List.of(SweepFilesTest.row(1, "2s", 1))));

        assertThat(data.get("figures").findValuesAsText("name")).doesNotContain("appCpuMicrosPerEvent");
    }
}

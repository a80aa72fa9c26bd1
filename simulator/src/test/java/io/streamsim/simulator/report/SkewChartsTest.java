package io.streamsim.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.run.Sample;
import io.streamsim.simulator.run.SkewReading;
import io.streamsim.simulator.run.ThreadLoad;
import io.streamsim.simulator.ui.Browsers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

class SkewChartsTest {

    @TempDir
    Path dir;

    /** 20 seconds, 3 partitions of which partition 1 takes 80%, two threads of which one is busy. */
    private static List<Sample> skewedSamples() {
        List<Sample> samples = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            List<Long> committed = List.of(100L * t, 800L * t, 100L * t);
            samples.add(new Sample(t, "load", 1000, 1000L * t, 1000L * t, 1000L * t, 0, 1000, 1000L * t, 1000, 0,
                    List.of(0L, 0L, 0L), committed, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, "",
                    new SkewReading(List.of(100.0, 800.0, 100.0), List.of(
                            new ThreadLoad("app-instance-1", "StreamThread-1", 0.9, 0, 0.05, 0.05),
                            new ThreadLoad("app-instance-1", "StreamThread-2", 0.1, 0, 0.02, 0.88)))));
        }
        return samples;
    }

    @Test
    void report_skewedSamples_drawsPartitionRatesSharesAndThreadBusyWithoutConsoleErrors() throws Exception {
        Browsers.assumeChromium();
        Scenario scenario = ReportFixtures.scenario();
        Path file = HtmlReport.write(dir, scenario, ReportFixtures.summary(scenario), skewedSamples());
        ChromeDriver driver = Browsers.chromium(dir.resolve("profile"));
        try {
            driver.get(file.toUri().toString());

            List<?> lengths = (List<?>) driver.executeScript("return StreamsimCharts.chart('chart-partitions').data"
                    + ".slice(1).map(function (a) { return a.length; });");
            assertThat(lengths).hasSize(3).allSatisfy(n -> assertThat(((Number) n).intValue()).isEqualTo(20));
            assertThat(driver.findElement(By.id("chart-partition-share")).getAttribute("data-values"))
                    .isEqualTo("[\"p0: 10\",\"p1: 80\",\"p2: 10\"]");
            assertThat(driver.findElement(By.id("chart-threads")).getAttribute("data-series"))
                    .isEqualTo("[\"app-instance-1/StreamThread-1\",\"app-instance-1/StreamThread-2\"]");
            assertThat(Browsers.consoleErrors(driver)).isEmpty();
        } finally {
            driver.quit();
        }
    }
}

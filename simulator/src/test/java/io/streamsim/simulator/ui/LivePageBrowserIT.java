package io.streamsim.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The live page in headless chromium against a fake run: it loads, its charts grow, ×10 reaches the run. */
class LivePageBrowserIT {

    @TempDir
    Path profile;

    private FakeRunControl control;
    private LiveServer server;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        Browsers.assumeChromium();
        control = new FakeRunControl(Duration.ofMillis(500), 5);
        server = LiveServer.start(control, "127.0.0.1", 0);
        driver = Browsers.chromium(profile);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (control != null) {
            control.close();
        }
    }

    @Test
    void livePage_loadsAndItsChartsGrowAsSamplesArrive() {
        driver.get(server.uri().toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));

        wait.until(d -> samplesDrawn() >= 5);
        int first = samplesDrawn();
        driver.executeScript("window.firstRateChart = StreamsimCharts.chart('chart-rate');");
        wait.until(d -> samplesDrawn() >= first + 3);

        assertThat(driver.getTitle()).isEqualTo("streamsim live: report-demo");
        assertThat(driver.findElement(By.id("chart-rate")).getAttribute("data-series"))
                .isEqualTo("[\"target\",\"sent\",\"processed\"]");
        Object points = driver.executeScript("return StreamsimCharts.chart('chart-rate').data[2].length;");
        assertThat(((Number) points).intValue()).isGreaterThanOrEqualTo(first + 3);
        // Appended with setData: the chart that drew the first samples is the one that shows the later ones.
        assertThat(driver.executeScript("return window.firstRateChart === StreamsimCharts.chart('chart-rate');"))
                .isEqualTo(true);
        assertThat(Browsers.consoleErrors(driver)).isEmpty();
    }

    @Test
    void rateTimesTen_callsTheRunAndThePageShowsTheTenfoldSendRate() {
        driver.get(server.uri().toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(d -> "1000".equals(d.findElement(By.id("current-sent")).getText()));
        int markersBefore = eventMarkers();

        driver.findElement(By.id("rate-up")).click();

        wait.until(d -> control.calls.contains("stepRate(10.0)"));
        wait.until(d -> "10000".equals(d.findElement(By.id("current-sent")).getText()));
        wait.until(d -> eventMarkers() == markersBefore + 1);
        assertThat(control.calls).containsExactly("stepRate(10.0)");
        assertThat(driver.findElement(By.id("status")).getText()).contains("rate ×10");
        assertThat(Browsers.consoleErrors(driver)).isEmpty();
    }

    private int eventMarkers() {
        Object n = driver.executeScript("return document.querySelectorAll('#chart-rate .marker.event').length;");
        return ((Number) n).intValue();
    }

    private int samplesDrawn() {
        Object n = driver.executeScript("return document.getElementById('chart-rate').getAttribute('data-samples');");
        return n == null ? 0 : Integer.parseInt((String) n);
    }
}

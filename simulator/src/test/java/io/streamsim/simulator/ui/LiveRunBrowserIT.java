package io.streamsim.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.ScenarioRun;
import io.streamsim.simulator.run.RunOptions;
import io.streamsim.simulator.run.RunResult;
import io.streamsim.simulator.run.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end: a real run (embedded broker, child-JVM app instance, paced producers) with its live page open in
 * headless Chromium; pressing x10 must raise the send rate the run measures, and land on the run's timeline.
 */
class LiveRunBrowserIT {

    private static final Pattern LIVE = Pattern.compile("Live page: (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path runs;

    @TempDir
    Path profile;

    @Test
    void pressingTimesTen_raisesTheMeasuredSendRateTenfold_andLandsOnTheTimeline() throws Exception {
        Browsers.assumeChromium();
        Path file = Path.of("src/test/resources/scenarios/it-live-demo.yaml");
        Scenario scenario = ScenarioLoader.load(file);
        StringWriter console = new StringWriter();
        ScenarioRun run = new ScenarioRun(scenario, file, new RunOptions(null, Map.of(), runs, "127.0.0.1", -1,
                Duration.ofSeconds(10), Duration.ofSeconds(60), 0), new PrintWriter(console, true), Clock.systemUTC());
        CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run.execute();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ChromeDriver driver = null;
        try {
            String url = awaitLivePage(console, result);
            driver = Browsers.chromium(profile);
            driver.get(url);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            ChromeDriver d0 = driver;
            wait.until(d -> between(sent(d0), 650, 950));

            driver.findElement(By.id("rate-up")).click();

            wait.until(d -> sent(d0) >= 6500);
            assertThat(Browsers.consoleErrors(driver)).isEmpty();
        } finally {
            if (driver != null) {
                driver.quit();
            }
        }
        RunResult done = result.get(3, TimeUnit.MINUTES);
        RunSummary s = done.summary();
        assertThat(done.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(s.faults()).extracting(RunSummary.FaultRecovery::fault).containsExactly("rate x10");
        assertThat(s.throughput().peakSentPerSecond()).isGreaterThan(6500);
        assertThat(s.oracle().verdict()).as("a rate step keeps every window result right").isEqualTo("exact");
    }

    private static String awaitLivePage(StringWriter console, CompletableFuture<RunResult> result)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !result.isDone()) {
            Matcher m = LIVE.matcher(console.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no live page announced:\n" + console);
    }

    private static double sent(org.openqa.selenium.WebDriver d) {
        try {
            return Double.parseDouble(d.findElement(By.id("current-sent")).getText().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean between(double v, double lo, double hi) {
        return v >= lo && v <= hi;
    }
}

package io.streamsim.simulator;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.report.RunFolder;
import io.streamsim.simulator.run.BrokerUnreachableException;
import io.streamsim.simulator.run.PipelineRun;
import io.streamsim.simulator.run.RunControl;
import io.streamsim.simulator.run.RunListener;
import io.streamsim.simulator.run.RunOptions;
import io.streamsim.simulator.run.RunResult;
import io.streamsim.simulator.run.Sample;
import io.streamsim.simulator.ui.LiveServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario end to end: Kafka (an embedded broker, a 3-broker cluster of child JVMs for replicated
 * scenarios, or a given cluster), fresh topics, the app instances as child JVMs (so a kill is a real crash),
 * the paced producers and the fault timeline, then a drain, the oracle's check of every window result, and the run
 * folder. One sample a second throughout. {@link #requestStop()} (Ctrl-C) ends it early and still writes the folder
 * with what was measured.
 *
 * <p>This is where the parts meet: the run itself ({@link PipelineRun}), the live page ({@code ui}) and the run
 * folder ({@code report}). The run knows neither; they read what it produces.
 */
public final class ScenarioRun {

    private final Scenario scenario;
    private final RunOptions options;
    private final PrintWriter console;
    private final PipelineRun run;
    private final CountDownLatch finished = new CountDownLatch(1);

    public ScenarioRun(Scenario scenario, Path scenarioFile, RunOptions options, PrintWriter console, Clock clock) {
        this.scenario = scenario;
        this.options = options;
        this.console = console;
        this.run = new PipelineRun(scenario, scenarioFile, options, console, clock, new Outputs());
    }

    /** Asks the run to stop at the next sample and write its report; safe from any thread. */
    public void requestStop() {
        run.requestStop();
    }

    /** Waits until the run has written its folder (for a shutdown hook), at most {@code timeout}. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @throws BrokerUnreachableException when the given cluster does not answer (no folder is written)
     */
    public RunResult execute() throws IOException {
        try {
            return run.execute();
        } finally {
            finished.countDown();
        }
    }

    private void say(String message) {
        console.println(message);
        console.flush();
    }

    /** The live page while the run runs (with {@code --ui}), and the run folder once it is over. */
    private final class Outputs implements RunListener {

        @Override
        public AutoCloseable controlsReady(RunControl controls) throws IOException {
            if (options.uiPort() < 0) {
                return null;
            }
            LiveServer liveServer = LiveServer.start(controls, options.uiHost(), options.uiPort());
            say("Live page: " + liveServer.uri());
            return liveServer;
        }

        @Override
        public void finished(RunResult result, List<Sample> samples) throws IOException {
            RunFolder.write(result.folder(), scenario, result.summary(), samples);
            say("Run folder: " + result.folder());
        }
    }
}

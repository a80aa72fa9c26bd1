package io.streamsim.simulator.run;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.instances.AppWarmUp;
import io.streamsim.simulator.oracle.OracleCheck;
import io.streamsim.simulator.oracle.OracleReport;
import io.streamsim.streams.PrometheusRegistries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario on Kafka, in stages: start-up ({@link RunStartup}), the load ({@link LoadLoop}), the drain
 * ({@link Drain}), the oracle's check of every window result, and the figures ({@link SummaryBuilder}); then the
 * pipeline is closed and the {@link RunListener} told. A stage that ends early (a stop request, a failure) skips the
 * rest; the figures are built whatever happened, from what was measured.
 *
 * <p>It serves no page and writes no report: the caller does that through the listener (see
 * {@code io.streamsim.simulator.ScenarioRun}).
 */
public final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
    private static final Duration ORACLE_READ_TIMEOUT = Duration.ofMinutes(2);

    private final Scenario scenario;
    private final Path scenarioFile;
    private final RunOptions options;
    private final ConsoleView console;
    private final Clock clock;
    private final RunListener listener;
    private volatile boolean stopRequested;

    public PipelineRun(Scenario scenario, Path scenarioFile, RunOptions options, PrintWriter console, Clock clock,
                       RunListener listener) {
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        this.options = options;
        this.console = new ConsoleView(console, scenario.duration());
        this.clock = clock;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Asks the run to stop at the next sample; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * @throws BrokerUnreachableException when the given cluster does not answer (no folder is made)
     * @throws IOException                when the run folder cannot be made, or the listener cannot finish
     */
    public RunResult execute() throws IOException {
        Instant startedAt = clock.instant();
        AppWarmUp.startInBackground();
        if (options.bootstrapServers() != null) {
            KafkaTarget given = RunStartup.connectToGivenCluster(options, console);
            return runOn(startedAt, RunDirectory.create(options.runsDir(), scenario.name(), startedAt), given);
        }
        Path folder = RunDirectory.create(options.runsDir(), scenario.name(), startedAt);
        return runOn(startedAt, folder, RunStartup.startKafka(scenario, folder, console));
    }

    private RunResult runOn(Instant startedAt, Path folder, KafkaTarget target) throws IOException {
        String runId = folder.getFileName().toString();
        RunTopics topics = RunTopics.forRun(runId, scenario.topics().partitions());
        PrometheusMeterRegistry registry = PrometheusRegistries.create();
        registry.config().commonTags("scenario", scenario.name());
        Pipeline pipeline = new Pipeline(scenario, scenarioFile, options, target, topics, registry,
                "streamsim-" + runId, folder);
        LiveControls controls = new LiveControls(pipeline);
        Sampler sampler = null;
        Drain drain = null;
        OracleReport oracle = null;
        StageEnd end = new StageEnd.Failed("did not start");
        try {
            new RunStartup(pipeline, console, clock).start(listener, controls, new PipelineActions(pipeline));
            sampler = new Sampler(pipeline, console);
            controls.sampling(sampler);
            end = new LoadLoop(pipeline, sampler, console, () -> stopRequested).run();
            if (pipeline.reference != null) {
                pipeline.reference.stopUpdates();
            }
            if (end instanceof StageEnd.Finished) {
                drain = new Drain(pipeline, sampler, () -> stopRequested);
                end = drain.run();
                if (end instanceof StageEnd.Finished && scenario.topology().enrich().isPresent()) {
                    pipeline.tableHeld = TableFigures.askHeld(pipeline.instances);
                }
            }
            if (end instanceof StageEnd.Finished) {
                oracle = checkWithOracle(pipeline);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Run failed", e);
            end = new StageEnd.Failed("failed: " + e);
        }
        RunResult.Outcome outcome;
        String reason;
        if (end instanceof StageEnd.Stopped stopped) {
            outcome = RunResult.Outcome.STOPPED;
            reason = stopped.reason();
        } else if (end instanceof StageEnd.Failed failed) {
            // A failure while stopping (Ctrl-C) is the stop's doing.
            outcome = stopRequested ? RunResult.Outcome.STOPPED : RunResult.Outcome.FAILED;
            reason = failed.reason();
        } else {
            outcome = RunResult.Outcome.COMPLETED;
            reason = "completed";
        }
        List<Sample> samples = sampler == null ? List.of() : List.copyOf(sampler.samples());
        RunSummary summary;
        try {
            summary = new SummaryBuilder(pipeline, samples, clock)
                    .build(startedAt, outcome, reason, oracle, drain != null && drain.drained());
        } finally {
            pipeline.close();
            registry.close();
        }
        RunResult result = new RunResult(outcome, folder, summary);
        listener.finished(result, samples);
        return result;
    }

    private OracleReport checkWithOracle(Pipeline pipeline) throws Exception {
        console.say("Checking every window result against the input (oracle) ...");
        RunTopics topics = pipeline.topics;
        return OracleCheck.run(pipeline.target.clientConfig(), topics.input(), topics.output(), topics.partitions(),
                scenario.topology(), pipeline.folder.resolve("oracle-mismatches.csv"), ORACLE_READ_TIMEOUT,
                scenario.topology().groupBy()
                        .map(step -> GroupByModel.repartitionTopic(pipeline.applicationId, step)).orElse(null));
    }
}

package io.streamsim.simulator.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.producers.ProducerStats;
import io.streamsim.producers.Ticker;
import io.streamsim.simulator.report.RunFolder;
import io.streamsim.simulator.report.RunSummary;
import io.streamsim.streams.LagMonitor;
import io.streamsim.streams.MetricsServer;
import io.streamsim.streams.StreamsApp;
import io.streamsim.streams.StreamsAppConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario end to end: Kafka (embedded or given), fresh topics, the app instances, the paced
 * producers, then a drain (watermarks, wait until everything is processed and readable), sampling once a
 * second throughout, and finally the run folder. {@link #requestStop()} (Ctrl-C) ends it early and still
 * writes the folder with what was measured.
 */
public final class ScenarioRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRun.class);
    private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(90);

    private final Scenario scenario;
    private final RunOptions options;
    private final ConsoleView console;
    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    public ScenarioRun(Scenario scenario, RunOptions options, PrintWriter console, Clock clock) {
        this.scenario = scenario;
        this.options = options;
        this.console = new ConsoleView(console, scenario.duration());
        this.clock = clock;
    }

    /** Asks the run to stop at the next sample and write its report; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
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
            return doExecute();
        } finally {
            finished.countDown();
        }
    }

    private RunResult doExecute() throws IOException {
        Instant startedAt = clock.instant();
        KafkaTarget target = connect();
        Path folder = RunFolder.create(options.runsDir(), scenario.name(), startedAt);
        String runId = folder.getFileName().toString();
        RunTopics topics = RunTopics.forRun(runId, scenario.topics().partitions());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("scenario", scenario.name());
        Pipeline pipeline = new Pipeline(target, topics, registry, "streamsim-" + runId);
        RunResult.Outcome outcome = RunResult.Outcome.FAILED;
        String reason = "did not start";
        try {
            pipeline.start();
            reason = pipeline.runLoad();
            if (reason == null) {
                reason = pipeline.drain();
            }
            outcome = reason == null ? RunResult.Outcome.COMPLETED
                    : stopRequested ? RunResult.Outcome.STOPPED : RunResult.Outcome.FAILED;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Run failed", e);
            reason = "failed: " + e;
            outcome = RunResult.Outcome.FAILED;
        }
        RunSummary summary;
        try {
            summary = pipeline.summarize(startedAt, outcome, reason == null ? "completed" : reason);
        } finally {
            pipeline.close();
            registry.close();
        }
        RunFolder.write(folder, summary, pipeline.samples);
        console.say("Run folder: " + folder);
        return new RunResult(outcome, folder, summary);
    }

    private KafkaTarget connect() throws IOException {
        if (options.bootstrapServers() == null) {
            console.say("Starting an embedded Kafka broker ...");
            KafkaTarget target = KafkaTarget.embedded();
            console.say("Embedded Kafka " + AppInfoParser.getVersion() + " up at " + target.bootstrapServers());
            return target;
        }
        console.say("Connecting to " + options.bootstrapServers() + " ...");
        return KafkaTarget.external(options.bootstrapServers(), options.clientProperties(), options.connectTimeout());
    }

    /** Everything that runs during one scenario, in start order; closed in reverse. */
    private final class Pipeline implements AutoCloseable {
        private final KafkaTarget target;
        private final RunTopics topics;
        private final PrometheusMeterRegistry registry;
        private final String applicationId;
        private final List<StreamsApp> apps = new ArrayList<>();
        private final List<Sample> samples = new ArrayList<>();
        private final List<Path> stateDirs = new ArrayList<>();
        private MetricsServer metricsServer;
        private OutputTracker tracker;
        private LagMonitor lagMonitor;
        private LoadGenerator generator;
        private Instant origin;
        private long loadStartNanos;
        private long previousSampleNanos;
        private long previousSent;
        private long previousProcessed;
        private long previousDue;
        private boolean drained;

        Pipeline(KafkaTarget target, RunTopics topics, PrometheusMeterRegistry registry, String applicationId) {
            this.target = target;
            this.topics = topics;
            this.registry = registry;
            this.applicationId = applicationId;
        }

        void start() throws Exception {
            topics.create(target.admin(), scenario.topics());
            if (options.metricsPort() >= 0) {
                metricsServer = MetricsServer.start(registry, options.metricsHost(), options.metricsPort());
                console.say("Metrics: http://" + options.metricsHost() + ":" + metricsServer.port() + "/metrics");
            }
            for (int i = 1; i <= scenario.app().instances(); i++) {
                Path stateDir = Files.createTempDirectory("streamsim-state-");
                stateDirs.add(stateDir);
                StreamsApp app = new StreamsApp(new StreamsAppConfig(applicationId, "app-instance-" + i,
                        target.bootstrapServers(), target.clientConfig(), scenario.topology(), topics.input(),
                        topics.output(), scenario.app().threadsPerInstance(),
                        scenario.topics().replicationFactor(), stateDir), registry);
                apps.add(app);
                app.start();
            }
            for (StreamsApp app : apps) {
                if (!app.awaitRunning(APP_START_TIMEOUT)) {
                    throw new IllegalStateException("an app instance did not reach RUNNING within "
                            + APP_START_TIMEOUT.toSeconds() + "s (state " + app.state() + ")");
                }
            }
            console.say(apps.size() + " app instance(s) running; producing " + scenario.timeline().totalEvents()
                    + " events over " + scenario.duration().toSeconds() + "s");
            tracker = new OutputTracker(target.clientConfig(), topics.output(), topics.partitions(), registry,
                    scenario.name(), clock);
            tracker.start();
            lagMonitor = new LagMonitor(target.admin(), applicationId, topics.input(), registry);
            origin = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            generator = new LoadGenerator(scenario, topics.input(), target.clientConfig(), origin, Ticker.system(),
                    registry);
            loadStartNanos = System.nanoTime();
            previousSampleNanos = loadStartNanos;
            generator.start();
        }

        /** Samples once a second until the producers are done; returns null, or why it ended early. */
        String runLoad() throws InterruptedException {
            long tick = 1;
            while (!generator.isDone()) {
                if (stopRequested) {
                    generator.stop();
                    generator.awaitDone(Duration.ofSeconds(10));
                    samples.add(sample("load"));
                    return "stopped by request during the load";
                }
                sleepUntil(loadStartNanos + TimeUnit.SECONDS.toNanos(tick++));
                samples.add(sample("load"));
                console.line(samples.get(samples.size() - 1));
            }
            ProducerStats stats = generator.stats();
            if (stats.recordsFailed() > 0) {
                console.say("WARNING: " + stats.recordsFailed() + " records failed to send; last error: " + stats.lastError());
            }
            return null;
        }

        /** Ends the input with watermarks and waits until everything is processed and readable downstream. */
        String drain() throws Exception {
            generator.awaitDone(Duration.ofSeconds(30));
            Instant maxEventTime = generator.stats().maxEventTime();
            WindowSpec window = scenario.topology().window();
            Instant watermark = (maxEventTime != null ? maxEventTime : origin)
                    .plus(window.size()).plus(scenario.topology().grace()).plusMillis(1);
            topics.writeWatermarks(target.clientConfig(), watermark);
            long deadline = System.nanoTime() + options.drainTimeout().toNanos();
            long tick = (System.nanoTime() - loadStartNanos) / 1_000_000_000L + 1;
            while (System.nanoTime() < deadline) {
                if (stopRequested) {
                    samples.add(sample("drain"));
                    return "stopped by request during the drain";
                }
                sleepUntil(Math.min(deadline, loadStartNanos + TimeUnit.SECONDS.toNanos(tick++)));
                Sample s = sample("drain");
                samples.add(s);
                console.line(s);
                if (s.lagRecords() == 0 && outputReadToTheEnd()) {
                    drained = true;
                    return null;
                }
            }
            return "the pipeline did not drain within " + options.drainTimeout().toSeconds() + "s";
        }

        private boolean outputReadToTheEnd() throws ExecutionException, InterruptedException {
            Map<TopicPartition, Long> lso = RunTopics.offsets(target.admin(), topics.output(), topics.partitions(),
                    OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
            return tracker.hasReached(lso);
        }

        private Sample sample(String stage) {
            long now = System.nanoTime();
            double dt = Math.max(1e-3, (now - previousSampleNanos) / 1e9);
            previousSampleNanos = now;
            double elapsed = (now - loadStartNanos) / 1e9;
            ProducerStats stats = generator.stats();
            long processed = processed();
            List<Long> partitionLag = new ArrayList<>();
            long lag = 0;
            try {
                Map<TopicPartition, Long> byPartition = lagMonitor.refresh();
                for (int p = 0; p < topics.partitions(); p++) {
                    long l = byPartition.getOrDefault(new TopicPartition(topics.input(), p), 0L);
                    partitionLag.add(l);
                    lag += l;
                }
            } catch (RuntimeException e) {
                LOG.debug("Lag unavailable this second: {}", e.toString());
                lag = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lag = -1;
            }
            Histogram latency = tracker.takeIntervalLatency();
            long due = scenario.timeline().eventsDueBy(Duration.ofNanos(now - loadStartNanos));
            Sample s = new Sample(elapsed, stage, (due - previousDue) / dt,
                    stats.eventsDue(), stats.recordsSent(), stats.recordsAcked(), stats.recordsFailed(),
                    (stats.recordsSent() - previousSent) / dt, processed, (processed - previousProcessed) / dt,
                    lag, partitionLag, tracker.recordsRead(), droppedLateKafka(),
                    percentileSeconds(latency, 50), percentileSeconds(latency, 99),
                    stats.scheduleLag().toNanos() / 1e9);
            previousSent = stats.recordsSent();
            previousProcessed = processed;
            previousDue = due;
            return s;
        }

        private long processed() {
            return apps.stream().mapToLong(a -> a.meters().recordsProcessed()).sum();
        }

        private long droppedLateKafka() {
            return apps.stream().mapToLong(StreamsApp::droppedRecordsByKafka).sum();
        }

        RunSummary summarize(Instant startedAt, RunResult.Outcome outcome, String reason) {
            ProducerStats stats = generator != null ? generator.stats() : null;
            long onInput = -1;
            try {
                if (tracker != null) {
                    onInput = RunTopics.recordCounts(target.admin(), topics.input(), topics.partitions(),
                            IsolationLevel.READ_UNCOMMITTED).values().stream().mapToLong(Long::longValue).sum();
                }
            } catch (Exception e) {
                LOG.warn("Could not count the input topic: {}", e.toString());
            }
            long watermarks = drained || outcome == RunResult.Outcome.COMPLETED ? topics.partitions() : 0;
            if (onInput >= 0 && !drained) {
                watermarks = Math.max(0, Math.min(topics.partitions(), onInput - (stats == null ? 0 : stats.recordsAcked())));
            }
            long recordsOnInput = onInput < 0 ? -1 : onInput - watermarks;
            long droppedKafka = droppedLateKafka();
            long droppedApp = apps.stream().mapToLong(a -> a.meters().recordsDroppedLate()).sum();

            Map<OutputTracker.WindowId, WindowResult> results = tracker == null ? Map.of() : tracker.latestResults();
            long contributions = results.values().stream().mapToLong(WindowResult::count).sum();
            long windowsPerRecord = windowsPerRecord(scenario.topology().window());
            long expected = recordsOnInput < 0 || windowsPerRecord < 0 ? -1 : recordsOnInput * windowsPerRecord - droppedKafka;
            RunSummary.WindowTotals windowTotals = new RunSummary.WindowTotals(
                    tracker == null ? 0 : tracker.recordsRead(), results.size(), contributions, expected,
                    expected < 0 ? 0 : contributions - expected, tracker == null ? 0 : tracker.undecodable());

            RunSummary.Totals totals = new RunSummary.Totals(scenario.timeline().totalEvents(),
                    stats == null ? 0 : stats.eventsDue(), stats == null ? 0 : stats.eventsSent(),
                    stats == null ? 0 : stats.recordsSent(), stats == null ? 0 : stats.recordsAcked(),
                    stats == null ? 0 : stats.recordsFailed(), stats == null ? 0 : stats.duplicatesSent(),
                    recordsOnInput, watermarks, processed(), droppedKafka, droppedApp, windowTotals);
            RunSummary.Checks checks = new RunSummary.Checks(
                    stats != null && recordsOnInput == stats.recordsAcked(),
                    expected >= 0 && contributions == expected,
                    drained);

            Histogram latency = tracker == null ? new Histogram(3) : latencyTotal();
            double maxScheduleLag = samples.stream().mapToDouble(Sample::scheduleLagSeconds).max().orElse(0);
            RunSummary.Latency latencySummary = new RunSummary.Latency(latency.getTotalCount(),
                    percentileSeconds(latency, 50), percentileSeconds(latency, 95), percentileSeconds(latency, 99),
                    latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0, maxScheduleLag);

            List<Sample> load = samples.stream().filter(s -> "load".equals(s.stage())).toList();
            double loadSeconds = load.isEmpty() ? 0 : load.get(load.size() - 1).elapsedSeconds();
            RunSummary.Throughput throughput = new RunSummary.Throughput(
                    scenario.timeline().segments().stream().mapToDouble(s -> Math.max(s.startRate(), s.endRate())).max().orElse(0),
                    loadSeconds == 0 || stats == null ? 0 : stats.recordsSent() / loadSeconds,
                    samples.stream().mapToDouble(Sample::sentPerSecond).max().orElse(0),
                    samples.isEmpty() ? 0 : processed() / samples.get(samples.size() - 1).elapsedSeconds(),
                    samples.stream().mapToDouble(Sample::processedPerSecond).max().orElse(0));
            Sample peakLag = samples.stream().max((a, b) -> Long.compare(a.lagRecords(), b.lagRecords())).orElse(null);
            RunSummary.Lag lag = new RunSummary.Lag("committed offsets of the app's consumer group",
                    peakLag == null ? 0 : peakLag.lagRecords(), peakLag == null ? 0 : peakLag.elapsedSeconds());

            return new RunSummary(scenario.name(), scenario.seed(), scenario.prompt(),
                    outcome == RunResult.Outcome.COMPLETED, reason, startedAt, clock.instant(), origin,
                    new RunSummary.Versions(version(), AppInfoParser.getVersion(), System.getProperty("java.version")),
                    new RunSummary.Target(target.isEmbedded() ? "embedded" : "external", target.bootstrapServers(),
                            scenario.app().instances(), scenario.app().threadsPerInstance(),
                            scenario.topology().guarantee().configValue()),
                    new RunSummary.Topics(topics.input(), topics.output(), topics.partitions(),
                            scenario.topics().replicationFactor()),
                    totals, checks, throughput, latencySummary, lag, scenario.talkingPoints());
        }

        private Histogram latencyTotal() {
            tracker.takeIntervalLatency();
            return tracker.totalLatency();
        }

        @Override
        public void close() {
            closeQuietly(generator);
            closeQuietly(tracker);
            for (StreamsApp app : apps) {
                try {
                    app.close(Duration.ofSeconds(15));
                } catch (RuntimeException e) {
                    LOG.warn("Closing an app instance failed: {}", e.toString());
                }
            }
            closeQuietly(lagMonitor);
            closeQuietly(metricsServer);
            closeQuietly(target);
            for (Path dir : stateDirs) {
                deleteRecursively(dir);
            }
        }
    }

    /** Windows each record belongs to, or -1 when it varies (hopping size not a multiple of advance). */
    static long windowsPerRecord(WindowSpec window) {
        long size = window.size().toMillis();
        long advance = window.advance().toMillis();
        return size % advance == 0 ? size / advance : -1;
    }

    static double percentileSeconds(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", dir, e.toString());
        }
    }

    static String version() {
        String v = ScenarioRun.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}

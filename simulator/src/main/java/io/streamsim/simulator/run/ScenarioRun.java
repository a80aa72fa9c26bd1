package io.streamsim.simulator.run;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.producers.ProducerStats;
import io.streamsim.producers.Ticker;
import io.streamsim.simulator.instances.AppInstances;
import io.streamsim.simulator.instances.AppLaunch;
import io.streamsim.simulator.instances.InstanceStatus;
import io.streamsim.simulator.oracle.OracleCheck;
import io.streamsim.simulator.oracle.OracleReport;
import io.streamsim.simulator.report.RunFolder;
import io.streamsim.simulator.report.RunSummary;
import io.streamsim.streams.LagMonitor;
import io.streamsim.streams.MetricsServer;
import io.streamsim.streams.PrometheusRegistries;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario end to end: Kafka (an embedded broker, a 3-broker cluster of child JVMs for replicated
 * scenarios, or a given cluster), fresh topics, the app instances as child JVMs (so a kill is a real crash),
 * the paced producers and the fault timeline, then a drain (watermarks; wait until everything is processed and
 * readable), the oracle's check of every window result, and the run folder. One sample a second throughout.
 * {@link #requestStop()} (Ctrl-C) ends it early and still writes the folder with what was measured.
 */
public final class ScenarioRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRun.class);
    private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final Scenario scenario;
    private final Path scenarioFile;
    private final RunOptions options;
    private final ConsoleView console;
    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    public ScenarioRun(Scenario scenario, Path scenarioFile, RunOptions options, PrintWriter console, Clock clock) {
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
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
        io.streamsim.simulator.instances.AppWarmUp.startInBackground();
        if (options.bootstrapServers() != null) {
            console.say("Connecting to " + options.bootstrapServers() + " ...");
            KafkaTarget external = KafkaTarget.external(options.bootstrapServers(), options.clientProperties(),
                    options.connectTimeout());
            return runOn(startedAt, RunFolder.create(options.runsDir(), scenario.name(), startedAt), external);
        }
        Path folder = RunFolder.create(options.runsDir(), scenario.name(), startedAt);
        KafkaTarget target;
        try {
            if (scenario.brokers() > 1) {
                console.say("Starting a " + scenario.brokers() + "-broker Kafka cluster (child JVMs) ...");
                target = KafkaTarget.childJvmCluster(scenario.brokers(), folder.resolve("brokers"));
            } else {
                console.say("Starting an embedded Kafka broker ...");
                target = KafkaTarget.embedded();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Kafka did not start", e);
            throw e;
        }
        console.say("Kafka " + AppInfoParser.getVersion() + " up at " + target.bootstrapServers());
        return runOn(startedAt, folder, target);
    }

    private RunResult runOn(Instant startedAt, Path folder, KafkaTarget target) throws IOException {
        String runId = folder.getFileName().toString();
        RunTopics topics = RunTopics.forRun(runId, scenario.topics().partitions());
        PrometheusMeterRegistry registry = PrometheusRegistries.create();
        registry.config().commonTags("scenario", scenario.name());
        Pipeline pipeline = new Pipeline(target, topics, registry, "streamsim-" + runId, folder);
        RunResult.Outcome outcome = RunResult.Outcome.FAILED;
        String reason = "did not start";
        try {
            pipeline.start();
            reason = pipeline.runLoad();
            if (reason == null) {
                reason = pipeline.drain();
            }
            if (reason == null) {
                pipeline.checkWithOracle();
            }
            outcome = reason == null ? RunResult.Outcome.COMPLETED
                    : stopRequested ? RunResult.Outcome.STOPPED : RunResult.Outcome.FAILED;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Run failed", e);
            reason = "failed: " + e;
            outcome = stopRequested ? RunResult.Outcome.STOPPED : RunResult.Outcome.FAILED;
        }
        RunSummary summary;
        try {
            summary = pipeline.summarize(startedAt, outcome, reason == null ? "completed" : reason);
        } finally {
            pipeline.close();
            registry.close();
        }
        RunFolder.write(folder, scenario, summary, pipeline.samples);
        console.say("Run folder: " + folder);
        return new RunResult(outcome, folder, summary);
    }

    /** Everything that runs during one scenario, in start order; closed in reverse. */
    private final class Pipeline implements AutoCloseable, FaultRunner.Actions, RunControl {
        private final KafkaTarget target;
        private final RunTopics topics;
        private final PrometheusMeterRegistry registry;
        private final String applicationId;
        private final Path folder;
        private final List<Sample> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<java.util.function.Consumer<Sample>> sampleListeners =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        private int aboveLagSince = -1;
        private double lastAutoscaleAt = Double.NEGATIVE_INFINITY;
        private final Map<String, InstanceStatus> statuses = new ConcurrentHashMap<>();
        private final AtomicLong poisonWritten = new AtomicLong();
        private Path stateDir;
        private MetricsServer metricsServer;
        private io.streamsim.simulator.ui.LiveServer liveServer;
        // Read by the metrics server's thread for /targets.
        private volatile AppInstances instances;
        private OutputTracker tracker;
        private LagMonitor lagMonitor;
        private LoadGenerator generator;
        private FaultRunner faults;
        private OracleReport oracle;
        private Instant origin;
        private long loadStartNanos;
        private long previousSampleNanos;
        private long previousSent;
        private long previousProcessed;
        private long previousDue;
        private int faultsReported;
        private boolean drained;

        Pipeline(KafkaTarget target, RunTopics topics, PrometheusMeterRegistry registry, String applicationId,
                 Path folder) {
            this.target = target;
            this.topics = topics;
            this.registry = registry;
            this.applicationId = applicationId;
            this.folder = folder;
        }

        void start() throws Exception {
            topics.create(target.admin(), scenario.topics());
            if (options.metricsPort() >= 0) {
                metricsServer = MetricsServer.start(registry, options.metricsHost(), options.metricsPort());
                int port = metricsServer.port();
                metricsServer.serveJson(ScrapeTargets.PATH, () -> ScrapeTargets.json(scenario.name(),
                        options.metricsHost(), port, instances == null ? Map.of() : instances.metricsPorts()));
                console.say("Metrics: http://" + options.metricsHost() + ":" + port + "/metrics (app instances: "
                        + ScrapeTargets.PATH + ", for Prometheus' http_sd_configs)");
            }
            if (options.uiPort() >= 0) {
                liveServer = io.streamsim.simulator.ui.LiveServer.start(this, options.uiHost(), options.uiPort());
                console.say("Live page: " + liveServer.uri());
            }
            stateDir = Files.createTempDirectory("streamsim-state-");
            instances = AppInstances.of(AppLaunch.of(target.bootstrapServers(), writeAppClientProperties(),
                    scenarioFile.toAbsolutePath(), applicationId, topics.input(), topics.output(),
                    topics.deadLetters(), stateDir, folder.resolve("logs")), placement());
            instances.startInitial(scenario.app().instances());
            if (!instances.awaitAllRunning(APP_START_TIMEOUT)) {
                throw new IllegalStateException("the app instances did not all reach RUNNING within "
                        + APP_START_TIMEOUT.toSeconds() + "s: " + instances.statuses() + " (logs in "
                        + folder.resolve("logs") + ")");
            }
            console.say(scenario.app().instances() + " app instance(s) running (" + (placement()
                    == AppInstances.Placement.IN_PROCESS ? "in this JVM" : "child JVMs") + "); producing "
                    + scenario.timeline().totalEvents() + " events over " + scenario.duration().toSeconds() + "s"
                    + (scenario.faults().isEmpty() ? "" : "; " + scenario.faults().size() + " fault(s) scheduled"));
            registerInstanceMeters();
            tracker = new OutputTracker(target.clientConfig(), topics.output(), topics.partitions(), registry,
                    scenario.name(), clock);
            tracker.start();
            lagMonitor = new LagMonitor(target.admin(), applicationId, topics.input(), registry);
            origin = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            generator = new LoadGenerator(scenario, topics.input(), target.clientConfig(), origin, Ticker.system(),
                    registry);
            faults = new FaultRunner(scenario.faults(), this, System::nanoTime, registry);
            loadStartNanos = System.nanoTime();
            previousSampleNanos = loadStartNanos;
            generator.start();
            faults.start(loadStartNanos);
        }

        /**
         * Child JVMs only where a crash must be real: a fault that kills an app instance, or {@code --app-jvms}.
         * Otherwise the instances share this JVM (see {@link io.streamsim.simulator.instances.InProcessAppInstance}
         * for what that saves).
         */
        private AppInstances.Placement placement() {
            boolean killsAnInstance = scenario.faults().stream()
                    .anyMatch(f -> f instanceof Fault.Kill k && !Fault.isBroker(k.target()));
            return options.appJvms() || killsAnInstance ? AppInstances.Placement.CHILD_JVMS
                    : AppInstances.Placement.IN_PROCESS;
        }

        /** The user's client settings (--command-config), in a file the child JVMs read. */
        private Path writeAppClientProperties() throws IOException {
            Properties p = new Properties();
            options.clientProperties().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
            Path file = folder.resolve("app-client.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "Kafka client settings of the app instances of this run");
            }
            return file;
        }

        /** The instances' counts, as the simulator's own meters, so one scrape of /metrics sees the pipeline. */
        private void registerInstanceMeters() {
            FunctionCounter.builder("streamsim.streams.records.processed", statuses,
                            s -> s.values().stream().mapToLong(InstanceStatus::processed).sum())
                    .description("Records processed by all app instances, reprocessing after crashes included")
                    .register(registry);
            FunctionCounter.builder("streamsim.streams.records.dropped", statuses,
                            s -> s.values().stream().mapToLong(InstanceStatus::droppedLateApp).sum())
                    .description("(record, window) pairs dropped as too late, all app instances")
                    .tag("reason", "late")
                    .register(registry);
            FunctionCounter.builder("streamsim.streams.records.dead.lettered", statuses,
                            s -> s.values().stream().mapToLong(InstanceStatus::deadLettered).sum())
                    .description("Undecodable records routed to the dead-letter topic, all app instances")
                    .register(registry);
            FunctionCounter.builder("streamsim.streams.rebalances", statuses,
                            s -> s.values().stream().mapToLong(InstanceStatus::rebalances).sum())
                    .description("Rebalances the app instances went through")
                    .register(registry);
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
                record(sample("load"));
                autoscale();
            }
            ProducerStats stats = generator.stats();
            if (stats.recordsFailed() > 0) {
                console.say("WARNING: " + stats.recordsFailed() + " records failed to send; last error: "
                        + stats.lastError());
            }
            return null;
        }

        /** Ends the input with watermarks and waits until everything is processed and readable downstream. */
        String drain() throws Exception {
            generator.awaitDone(Duration.ofSeconds(30));
            faults.close();
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
                Sample s = record(sample("drain"));
                if (s.lagRecords() == 0 && outputReadToTheEnd()) {
                    drained = true;
                    return null;
                }
            }
            return "the pipeline did not drain within " + options.drainTimeout().toSeconds() + "s";
        }

        private Sample record(Sample s) {
            samples.add(s);
            console.line(s);
            for (java.util.function.Consumer<Sample> listener : sampleListeners) {
                try {
                    listener.accept(s);
                } catch (RuntimeException e) {
                    LOG.warn("A sample listener failed: {}", e.toString());
                }
            }
            return s;
        }

        /** The scenario's lag rule (app.autoscale): one more instance when lag has stayed high long enough. */
        private void autoscale() throws InterruptedException {
            io.streamsim.model.scenario.AutoscaleSpec rule = scenario.app().autoscale();
            if (rule == null || samples.isEmpty()) {
                return;
            }
            Sample last = samples.get(samples.size() - 1);
            if (last.lagRecords() <= rule.lagAboveRecords()) {
                aboveLagSince = -1;
                return;
            }
            if (aboveLagSince < 0) {
                aboveLagSince = samples.size() - 1;
            }
            double above = last.elapsedSeconds() - samples.get(aboveLagSince).elapsedSeconds();
            boolean cooled = last.elapsedSeconds() - lastAutoscaleAt >= rule.cooldown().toNanos() / 1e9;
            long alive = statuses.values().stream().filter(InstanceStatus::alive).count();
            if (above >= rule.sustained().toNanos() / 1e9 && cooled && alive < rule.maxInstances()) {
                lastAutoscaleAt = last.elapsedSeconds();
                aboveLagSince = -1;
                faults.applyNow(new Fault.ScaleOut(Duration.ofNanos(System.nanoTime() - loadStartNanos), 1));
            }
        }

        // ---- RunControl: the live page's view and controls -----------------------------------------------

        @Override
        public Scenario scenario() {
            return scenario;
        }

        @Override
        public List<Sample> samples() {
            return List.copyOf(samples);
        }

        @Override
        public List<RunControl.TimelineEvent> timeline() {
            return faults == null ? List.of() : faults.applied().stream()
                    .map(a -> new RunControl.TimelineEvent(a.atSeconds(), a.fault().describe(), a.outcome())).toList();
        }

        @Override
        public void onSample(java.util.function.Consumer<Sample> listener) {
            sampleListeners.add(listener);
        }

        @Override
        public void stepRate(double factor) {
            control(new Fault.RateStep(now(), factor));
        }

        @Override
        public String scaleOut() {
            return control(new Fault.ScaleOut(now(), 1)).outcome().replace("ok: started ", "");
        }

        @Override
        public String scaleIn() {
            String name = newestLiveInstance();
            control(new Fault.Stop(now(), name));
            return name;
        }

        @Override
        public String killOne() {
            String name = newestLiveInstance();
            control(new Fault.Kill(now(), name));
            return name;
        }

        @Override
        public void poisonBurst(int records) {
            control(new Fault.PoisonBurst(now(), records));
        }

        private Duration now() {
            return Duration.ofNanos(Math.max(0, System.nanoTime() - loadStartNanos));
        }

        private String newestLiveInstance() {
            List<String> names = new ArrayList<>(instances.names());
            java.util.Collections.reverse(names);
            for (String name : names) {
                if (instances.get(name).isAlive()) {
                    return name;
                }
            }
            throw new IllegalStateException("no app instance is running");
        }

        private FaultRunner.Applied control(Fault fault) {
            if (faults == null || generator == null || generator.isDone()) {
                throw new IllegalStateException("the load is not running");
            }
            try {
                FaultRunner.Applied applied = faults.applyNow(fault);
                if (!applied.outcome().startsWith("ok")) {
                    throw new IllegalStateException(applied.outcome());
                }
                return applied;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        void checkWithOracle() throws Exception {
            console.say("Checking every window result against the input (oracle) ...");
            oracle = OracleCheck.run(target.clientConfig(), topics.input(), topics.output(), topics.partitions(),
                    scenario.topology(), folder.resolve("oracle-mismatches.csv"), READ_TIMEOUT);
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
            statuses.putAll(instances.statuses());
            InstanceStatus totals = totals();
            List<Long> partitionLag = List.of();
            List<Long> committed = List.of();
            long lag = -1;
            try {
                LagMonitor.Reading r = lagMonitor.read();
                List<Long> lags = new ArrayList<>();
                List<Long> offsets = new ArrayList<>();
                for (int p = 0; p < topics.partitions(); p++) {
                    TopicPartition tp = new TopicPartition(topics.input(), p);
                    lags.add(r.lag().getOrDefault(tp, 0L));
                    offsets.add(r.committed().getOrDefault(tp, -1L));
                }
                partitionLag = lags;
                committed = offsets;
                lag = lags.stream().mapToLong(Long::longValue).sum();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.debug("Offsets unavailable this second: {}", e.toString());
            }
            Histogram latency = tracker.takeIntervalLatency();
            long due = stats.eventsDue();
            Sample s = new Sample(elapsed, stage, (due - previousDue) / dt,
                    stats.eventsDue(), stats.recordsSent(), stats.recordsAcked(), stats.recordsFailed(),
                    (stats.recordsSent() - previousSent) / dt, totals.processed(),
                    (totals.processed() - previousProcessed) / dt, lag, partitionLag, committed,
                    tracker.recordsRead(), totals.droppedLateApp(), totals.deadLettered(), totals.rebalances(),
                    percentileSeconds(latency, 50), percentileSeconds(latency, 99),
                    stats.scheduleLag().toNanos() / 1e9, newFaults());
            previousSent = stats.recordsSent();
            previousProcessed = totals.processed();
            previousDue = due;
            return s;
        }

        private InstanceStatus totals() {
            return AppInstances.totals(statuses.values());
        }

        /** Faults applied since the previous sample, described; also said on the console. */
        private String newFaults() {
            List<FaultRunner.Applied> applied = faults == null ? List.of() : faults.applied();
            List<FaultRunner.Applied> fresh = applied.subList(Math.min(faultsReported, applied.size()), applied.size());
            faultsReported = applied.size();
            for (FaultRunner.Applied a : fresh) {
                console.say(String.format(java.util.Locale.ROOT, "  >> %.1fs: %s (%s)", a.atSeconds(),
                        a.fault().describe(), a.outcome()));
            }
            return fresh.stream().map(a -> a.fault().describe()).collect(Collectors.joining("; "));
        }

        // ---- the fault actions ----------------------------------------------------------------------------

        @Override
        public void kill(String target) {
            if (Fault.isBroker(target)) {
                this.target.cluster().kill(Fault.number(target));
            } else {
                instances.kill(target);
            }
        }

        @Override
        public void stop(String target) {
            if (Fault.isBroker(target)) {
                this.target.cluster().stop(Fault.number(target));
            } else {
                instances.stop(target);
            }
        }

        @Override
        public void restart(String target) {
            if (Fault.isBroker(target)) {
                this.target.cluster().restart(Fault.number(target));
            } else {
                instances.restart(target);
            }
        }

        @Override
        public List<String> startInstances(int count) {
            return instances.scaleOut(count);
        }

        @Override
        public void changeRate(double factor) {
            generator.stepRate(factor);
        }

        @Override
        public void pauseProducers(Duration lasting) {
            generator.pause(lasting);
        }

        @Override
        public void slowProcessing(Duration perRecord, Duration lasting) {
            instances.slowDownAll(perRecord, lasting);
        }

        @Override
        public void writePoison(int records) throws Exception {
            long first = poisonWritten.getAndAdd(records);
            topics.writePoison(target.clientConfig(), records, POISON_BURST_NUMBERS + first);
        }

        /**
         * Nothing to do at run time: the skew is part of the event stream (the generator shifts the shard's events
         * that fall due in the fault's span), so the same scenario always skews the same events. The fault is
         * still applied on time, for the marker.
         */
        @Override
        public void clockSkew(int shard, Duration offset, Duration lasting) {
        }

        // ---- the summary ---------------------------------------------------------------------------------

        RunSummary summarize(Instant startedAt, RunResult.Outcome outcome, String reason) {
            ProducerStats stats = generator != null ? generator.stats() : null;
            if (instances != null) {
                statuses.putAll(instances.statuses());
            }
            InstanceStatus totals = totals();
            long onInput = -1;
            long deadLettered = -1;
            try {
                if (tracker != null) {
                    onInput = RunTopics.recordCounts(target.admin(), topics.input(), topics.partitions(),
                            IsolationLevel.READ_UNCOMMITTED).values().stream().mapToLong(Long::longValue).sum();
                    deadLettered = RunTopics.countCommitted(target.clientConfig(), topics.deadLetters(),
                            topics.partitions(), READ_TIMEOUT);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("Could not count the input or dead-letter topic: {}", e.toString());
            }
            long poison = poisonWritten.get() + (stats == null ? 0 : stats.poisonSent());
            long watermarks = drained ? topics.partitions() : 0;
            long recordsOnInput = onInput < 0 ? -1 : onInput - watermarks - poison;
            long droppedLate = oracle != null ? oracle.counts().droppedLateExpected() : totals.droppedLateApp();

            Map<OutputTracker.WindowId, WindowResult> results = tracker == null ? Map.of() : tracker.latestResults();
            long contributions = results.values().stream().mapToLong(WindowResult::count).sum();
            long windowsPerRecord = windowsPerRecord(scenario.topology().window());
            // Without a drain the output is unfinished: what it should sum to is not known yet.
            long expected = oracle != null ? oracle.counts().contributionsExpected()
                    : !drained || recordsOnInput < 0 || windowsPerRecord < 0 ? -1
                    : recordsOnInput * windowsPerRecord - droppedLate;
            RunSummary.WindowTotals windowTotals = new RunSummary.WindowTotals(
                    tracker == null ? 0 : tracker.recordsRead(), results.size(), contributions, expected,
                    expected < 0 ? 0 : contributions - expected, tracker == null ? 0 : tracker.undecodable());

            RunSummary.Totals summaryTotals = new RunSummary.Totals(scenario.timeline().totalEvents(),
                    stats == null ? 0 : stats.eventsDue(), stats == null ? 0 : stats.eventsSent(),
                    stats == null ? 0 : stats.recordsSent(), stats == null ? 0 : stats.recordsAcked(),
                    stats == null ? 0 : stats.recordsFailed(), stats == null ? 0 : stats.duplicatesSent(),
                    recordsOnInput, watermarks, totals.processed(), droppedLate, totals.droppedLateApp(), poison,
                    deadLettered, recordsOnInput < 0 ? 0 : Math.max(0, totals.processed() - recordsOnInput),
                    windowTotals);
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
            double lastSample = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).elapsedSeconds();
            RunSummary.Throughput throughput = new RunSummary.Throughput(
                    scenario.timeline().segments().stream().mapToDouble(s -> Math.max(s.startRate(), s.endRate()))
                            .max().orElse(0),
                    loadSeconds == 0 || stats == null ? 0 : stats.recordsSent() / loadSeconds,
                    samples.stream().mapToDouble(Sample::sentPerSecond).max().orElse(0),
                    lastSample == 0 ? 0 : totals.processed() / lastSample,
                    samples.stream().mapToDouble(Sample::processedPerSecond).max().orElse(0));
            Sample peakLag = samples.stream().max((a, b) -> Long.compare(a.lagRecords(), b.lagRecords())).orElse(null);
            RunSummary.Lag lag = new RunSummary.Lag("committed offsets of the app's consumer group",
                    peakLag == null ? 0 : peakLag.lagRecords(), peakLag == null ? 0 : peakLag.elapsedSeconds());

            List<RunSummary.FaultRecovery> recoveries = faults == null ? List.of()
                    : Recovery.of(faults.applied(), samples);
            List<RunSummary.ExpectationResult> expectations = outcome == RunResult.Outcome.COMPLETED
                    ? Expectations.check(scenario.expect(), new Expectations.Measured(
                            oracle == null ? null : oracle.verdict(), oracle != null && oracle.counts().exact(),
                            oracle != null && oracle.counts().noLoss(),
                            recordsOnInput <= 0 ? 0 : (double) droppedLate / (recordsOnInput * Math.max(1, windowsPerRecord)),
                            latencySummary.p99Seconds(), recoveries, poison, deadLettered))
                    : List.of();

            return new RunSummary(scenario.name(), scenario.seed(), scenario.prompt(),
                    outcome == RunResult.Outcome.COMPLETED, reason, startedAt, clock.instant(), origin,
                    new RunSummary.Versions(version(), AppInfoParser.getVersion(), System.getProperty("java.version")),
                    new RunSummary.Target(target.mode(), target.bootstrapServers(), target.brokers(),
                            scenario.app().instances(), scenario.app().threadsPerInstance(),
                            scenario.topology().guarantee().configValue()),
                    new RunSummary.Topics(topics.input(), topics.output(), topics.deadLetters(), topics.partitions(),
                            scenario.topics().replicationFactor()),
                    summaryTotals, checks, throughput, latencySummary, lag, oracle,
                    Phases.of(scenario.timeline(), samples), recoveries, expectations, scenario.talkingPoints());
        }

        private Histogram latencyTotal() {
            tracker.takeIntervalLatency();
            return tracker.totalLatency();
        }

        @Override
        public void close() {
            closeQuietly(liveServer);
            closeQuietly(faults);
            closeQuietly(generator);
            closeQuietly(tracker);
            closeQuietly(instances);
            closeQuietly(lagMonitor);
            closeQuietly(metricsServer);
            closeQuietly(target);
            if (stateDir != null) {
                deleteRecursively(stateDir);
            }
        }
    }

    /** Poison bursts are numbered from here, apart from the producers' poison fraction (numbered by event). */
    static final long POISON_BURST_NUMBERS = 1L << 40;

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

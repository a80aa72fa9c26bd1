package io.streamsim.simulator.run;

import io.micrometer.core.instrument.FunctionCounter;
import io.streamsim.model.EventClock;
import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.producers.Ticker;
import io.streamsim.simulator.instances.AppInstances;
import io.streamsim.simulator.instances.AppLaunch;
import io.streamsim.simulator.instances.InstanceStatus;
import io.streamsim.streams.LagMonitor;
import io.streamsim.streams.MetricsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a run's pipeline, one named step after the other: Kafka, the topics, the metrics endpoint, the live
 * controls' listener, the app instances (launched, then awaited), the output readers, and last the producers with
 * the fault timeline, whose start is second 0 of every figure. Each step fills its part of the {@link Pipeline};
 * the pipeline closes them.
 */
final class RunStartup {

    private static final Logger LOG = LoggerFactory.getLogger(RunStartup.class);
    private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(120);

    private final Pipeline pipeline;
    private final ConsoleView console;
    private final Clock clock;

    RunStartup(Pipeline pipeline, ConsoleView console, Clock clock) {
        this.pipeline = pipeline;
        this.console = console;
        this.clock = clock;
    }

    /**
     * The cluster given with {@code --bootstrap-servers}, once it answers.
     *
     * @throws BrokerUnreachableException when it does not
     */
    static KafkaTarget connectToGivenCluster(RunOptions options, ConsoleView console) {
        console.say("Connecting to " + options.bootstrapServers() + " ...");
        KafkaTarget target = KafkaTarget.external(options.bootstrapServers(), options.clientProperties(),
                options.connectTimeout());
        return options.sweepSharedBroker() ? target.asSweepSharedEmbedded() : target;
    }

    /** An embedded broker, or a cluster of child-JVM brokers (their data in the run folder) for replicated topics. */
    static KafkaTarget startKafka(Scenario scenario, Path folder, ConsoleView console) throws IOException {
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
        return target;
    }

    /** Every step in order, up to the running load. */
    void start(RunListener listener, RunControl controls, FaultRunner.Actions actions) throws Exception {
        createTopics();
        writeReferenceTable();
        serveMetrics();
        pipeline.listenerResources = listener.controlsReady(controls);
        startAppInstances();
        awaitAppInstancesRunning();
        startOutputReaders();
        startProducers(actions);
    }

    void createTopics() throws Exception {
        pipeline.topics.create(pipeline.target.admin(), pipeline.scenario);
    }

    /**
     * The reference table, whole and acknowledged, before any app instance starts: an instance that joins with it
     * finds all of it there from its first record.
     */
    void writeReferenceTable() throws Exception {
        Scenario scenario = pipeline.scenario;
        if (!scenario.reference().table()) {
            return;
        }
        pipeline.topics.createReference(pipeline.target.admin(), scenario.topics(),
                scenario.reference().partitions(scenario.topics()));
        ReferenceWriter writer = ReferenceWriter.create(scenario, pipeline.topics.reference(),
                pipeline.target.clientConfig());
        pipeline.reference = writer;
        FunctionCounter.builder("streamsim.reference.rows.written", writer, w -> w.figures().rowsWritten())
                .description("Rows of the reference table written before the load").register(pipeline.registry);
        FunctionCounter.builder("streamsim.reference.updates.written", writer, w -> w.figures().updatesWritten())
                .description("Reference table updates acknowledged during the load").register(pipeline.registry);
        long start = System.nanoTime();
        writer.writeTable();
        console.say("Reference table: " + writer.figures().rowsWritten() + " rows written to "
                + pipeline.topics.reference() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms"
                + (scenario.reference().updatesPerSecond() > 0
                ? "; " + scenario.reference().updatesPerSecond() + " updates/s during the load" : ""));
    }

    /** The simulator's {@code /metrics}, and the app instances' endpoints for Prometheus' discovery. */
    void serveMetrics() throws IOException {
        RunOptions options = pipeline.options;
        if (options.metricsPort() < 0) {
            return;
        }
        MetricsServer server = MetricsServer.start(pipeline.registry, options.metricsHost(), options.metricsPort());
        pipeline.metricsServer = server;
        int port = server.port();
        server.serveJson(ScrapeTargets.PATH, () -> {
            AppInstances instances = pipeline.instances;
            return ScrapeTargets.json(pipeline.scenario.name(), options.metricsHost(), port,
                    instances == null ? Map.of() : instances.metricsPorts());
        });
        console.say("Metrics: http://" + options.metricsHost() + ":" + port + "/metrics (app instances: "
                + ScrapeTargets.PATH + ", for Prometheus' http_sd_configs)");
    }

    /** Launches the scenario's app instances, placed as {@link #placement()} says, without waiting for them. */
    void startAppInstances() throws IOException {
        pipeline.stateDir = Files.createTempDirectory("streamsim-state-");
        RunTopics topics = pipeline.topics;
        AppInstances instances = AppInstances.of(AppLaunch.of(pipeline.target.bootstrapServers(),
                writeAppClientProperties(), pipeline.scenarioFile.toAbsolutePath(), pipeline.applicationId,
                topics.input(), topics.output(), topics.deadLetters(), pipeline.stateDir,
                pipeline.folder.resolve("logs")), placement());
        pipeline.instances = instances;
        instances.startInitial(pipeline.scenario.app().instances());
    }

    /**
     * Child JVMs only where a crash must be real: a fault that kills an app instance, or {@code --app-jvms}.
     * Otherwise the instances share this JVM (see {@link io.streamsim.simulator.instances.InProcessAppInstance}
     * for what that saves).
     */
    AppInstances.Placement placement() {
        boolean killsAnInstance = pipeline.scenario.faults().stream()
                .anyMatch(f -> f instanceof Fault.Kill k && !Fault.isBroker(k.target()));
        return pipeline.options.appJvms() || killsAnInstance ? AppInstances.Placement.CHILD_JVMS
                : AppInstances.Placement.IN_PROCESS;
    }

    /** Waits until every app instance is RUNNING, and counts their figures among the simulator's meters. */
    void awaitAppInstancesRunning() throws InterruptedException {
        Scenario scenario = pipeline.scenario;
        AppInstances instances = pipeline.instances;
        if (!instances.awaitAllRunning(APP_START_TIMEOUT)) {
            throw new IllegalStateException("the app instances did not all reach RUNNING within "
                    + APP_START_TIMEOUT.toSeconds() + "s: " + instances.statuses() + " (logs in "
                    + pipeline.folder.resolve("logs") + ")");
        }
        console.say(scenario.app().instances() + " app instance(s) running (" + (instances.placement()
                == AppInstances.Placement.IN_PROCESS ? "in this JVM" : "child JVMs") + "); producing "
                + scenario.timeline().totalEvents() + " events over " + scenario.duration().toSeconds() + "s"
                + (scenario.faults().isEmpty() ? "" : "; " + scenario.faults().size() + " fault(s) scheduled"));
        registerInstanceMeters();
    }

    /** The reader of the output topic (results, latency) and of the group's lag. */
    void startOutputReaders() {
        RunTopics topics = pipeline.topics;
        pipeline.tracker = new OutputTracker(pipeline.target.clientConfig(), topics.output(), topics.partitions(),
                pipeline.registry, pipeline.scenario.name(), clock);
        pipeline.tracker.start();
        pipeline.lagMonitor = new LagMonitor(pipeline.target.admin(), pipeline.applicationId, topics.input(),
                pipeline.registry);
        pipeline.scenario.topology().groupBy().ifPresent(groupBy -> pipeline.stageLags = new StageLags(
                pipeline.target.admin(), pipeline.applicationId, groupBy, pipeline.registry));
    }

    /** The paced producers and the fault timeline, both from now: second 0 of the run's figures. */
    void startProducers(FaultRunner.Actions actions) {
        pipeline.origin = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        pipeline.eventClock = EventClock.of(pipeline.scenario.events(), pipeline.origin);
        pipeline.generator = new LoadGenerator(pipeline.scenario, pipeline.topics.input(),
                pipeline.target.clientConfig(), pipeline.origin, Ticker.system(), pipeline.registry);
        FaultRunner faults = new FaultRunner(pipeline.scenario.faults(), actions, System::nanoTime, pipeline.registry);
        pipeline.faults = faults;
        long start = System.nanoTime();
        pipeline.loadStartNanos = start;
        pipeline.generator.start();
        faults.start(start);
        ReferenceWriter reference = pipeline.reference;
        if (reference != null) {
            LoadGenerator generator = pipeline.generator;
            reference.startUpdates(generator::eventTimeNow);
        }
    }

    /** The user's client settings (--command-config), in a file the child JVMs read. */
    private Path writeAppClientProperties() throws IOException {
        Properties p = new Properties();
        pipeline.options.clientProperties().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        Path file = pipeline.folder.resolve("app-client.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "Kafka client settings of the app instances of this run");
        }
        return file;
    }

    /** The instances' counts, as the simulator's own meters, so one scrape of /metrics sees the pipeline. */
    private void registerInstanceMeters() {
        Map<String, InstanceStatus> statuses = pipeline.statuses;
        FunctionCounter.builder("streamsim.streams.records.processed", statuses,
                        s -> s.values().stream().mapToLong(InstanceStatus::processed).sum())
                .description("Records processed by all app instances, reprocessing after crashes included")
                .register(pipeline.registry);
        FunctionCounter.builder("streamsim.streams.records.dropped", statuses,
                        s -> s.values().stream().mapToLong(InstanceStatus::droppedLateApp).sum())
                .description("(record, window) pairs dropped as too late, all app instances")
                .tag("reason", "late")
                .register(pipeline.registry);
        FunctionCounter.builder("streamsim.streams.records.dead.lettered", statuses,
                        s -> s.values().stream().mapToLong(InstanceStatus::deadLettered).sum())
                .description("Undecodable records routed to the dead-letter topic, all app instances")
                .register(pipeline.registry);
        FunctionCounter.builder("streamsim.streams.rebalances", statuses,
                        s -> s.values().stream().mapToLong(InstanceStatus::rebalances).sum())
                .description("Rebalances the app instances went through")
                .register(pipeline.registry);
    }
}

package io.streamsim.simulator.run;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.model.EventClock;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.simulator.instances.AppInstances;
import io.streamsim.simulator.instances.InstanceStatus;
import io.streamsim.simulator.support.Directories;
import io.streamsim.streams.LagMonitor;
import io.streamsim.streams.MetricsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one run's pipeline, as {@link RunStartup} starts them, shared by the collaborators that use them;
 * closed in reverse start order. A part is null until its start-up step has run: the live controls, the metrics
 * endpoint and the fault actions are reachable from other threads before the load starts, so those parts are
 * volatile and their readers check for null.
 */
final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    final Scenario scenario;
    final Path scenarioFile;
    final RunOptions options;
    final KafkaTarget target;
    final RunTopics topics;
    final PrometheusMeterRegistry registry;
    final String applicationId;
    final Path folder;
    /** Last known status of every app instance ever started, refreshed by each sample. */
    final Map<String, InstanceStatus> statuses = new ConcurrentHashMap<>();
    /** Poison records written by poison-burst faults, apart from the producers' poison fraction. */
    final AtomicLong poisonWritten = new AtomicLong();
    /** What each backfill fault wrote, in order. */
    final List<Backfill.Result> backfills = new CopyOnWriteArrayList<>();
    /** What each replay fault did, in order. */
    final List<Replay.Result> replays = new CopyOnWriteArrayList<>();

    MetricsServer metricsServer;
    /** What a {@link RunListener} asked to be closed with the run (the live page). */
    AutoCloseable listenerResources;
    Path stateDir;
    volatile AppInstances instances;
    OutputTracker tracker;
    LagMonitor lagMonitor;
    /** A groupBy's repartition topics' lag; null without groupBy. */
    StageLags stageLags;
    volatile LoadGenerator generator;
    volatile FaultRunner faults;
    /** The reference table's writer; null when the scenario has no table. */
    volatile ReferenceWriter reference;
    /** What each instance's reference table store held after the drain; empty until then. */
    volatile Map<String, io.streamsim.streams.TableStatus.Held> tableHeld = Map.of();
    /** Wall-clock time of the start of the load (emitted-at of the first event); set when the producers start. */
    Instant origin;
    /** Event time as a function of the wall offset from {@link #origin}; set when the producers start. */
    volatile EventClock eventClock;
    /** {@link System#nanoTime()} at the start of the load: every figure's second 0. */
    volatile long loadStartNanos;

    Pipeline(Scenario scenario, Path scenarioFile, RunOptions options, KafkaTarget target, RunTopics topics,
             PrometheusMeterRegistry registry, String applicationId, Path folder) {
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        this.options = options;
        this.target = target;
        this.topics = topics;
        this.registry = registry;
        this.applicationId = applicationId;
        this.folder = folder;
    }

    /** Time since the start of the load (zero before it). */
    Duration sinceLoadStart() {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - loadStartNanos));
    }

    /** Asks every instance and keeps the answers; the statuses so far. */
    Map<String, InstanceStatus> refreshStatuses() {
        AppInstances current = instances;
        if (current != null) {
            statuses.putAll(current.statuses());
        }
        return statuses;
    }

    InstanceStatus totals() {
        return AppInstances.totals(statuses.values());
    }

    @Override
    public void close() {
        closeQuietly(listenerResources);
        closeQuietly(faults);
        closeQuietly(reference);
        closeQuietly(generator);
        closeQuietly(tracker);
        closeQuietly(instances);
        closeQuietly(lagMonitor);
        closeQuietly(stageLags);
        closeQuietly(metricsServer);
        closeQuietly(target);
        if (stateDir != null) {
            Directories.deleteRecursively(stateDir);
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
}

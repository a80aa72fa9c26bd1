package io.streamsim.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.scenario.EnrichStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the streams app: the {@link WindowedAggregation} topology in a {@link KafkaStreams}
 * client, with its own meters and Kafka Streams' client, thread and task metrics bound to the registry
 * (refreshed every second, so task meters show up while a short run is still going).
 *
 * <p>An uncaught exception in a stream thread shuts this instance down ({@code SHUTDOWN_CLIENT}): the state
 * goes to {@code ERROR} and {@link #failure()} says why, for the simulator to report.
 *
 * <p>Undecodable input records go to the config's dead-letter topic, or are skipped ({@link DeadLetterHandler}).
 * Besides {@link AppMeters} it registers two gauges, tagged {@code instance}, removed on {@link #close()}:
 * <ul>
 *   <li>{@code streamsim.streams.state{state}}: one series per {@link KafkaStreams.State}, 1 for the current
 *       state and 0 for the others (the Prometheus way to expose an enum: alert on
 *       {@code streamsim_streams_state{state="RUNNING"} == 0})</li>
 *   <li>{@code streamsim.streams.kafka.dropped.records}: {@link #droppedRecordsByKafka()}, Kafka's own
 *       {@code dropped-records-total} summed over the instance's current tasks; it falls when a rebalance takes
 *       tasks away, so compare it with {@code streamsim.streams.records.dropped{reason=late}}, which never does</li>
 * </ul>
 */
public final class StreamsApp implements AutoCloseable, AppControl {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration METRICS_REFRESH = Duration.ofSeconds(1);

    private final StreamsAppConfig config;
    private final AppMeters meters;
    private final KafkaStreams streams;
    private final ScheduledExecutorService metricsScheduler;
    private final KafkaStreamsMetrics kafkaStreamsMetrics;
    private final ProcessingThrottle throttle = ProcessingThrottle.system();
    private final MeterRegistry registry;
    private final List<Meter> gauges = new ArrayList<>();
    private final List<KafkaStreams.StateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final Object stateLock = new Object();
    private volatile Throwable failure;
    /** The enrich step's table loads in this life; null without an enrich step. */
    private final TableLoads tableLoads;
    private final String tableJoin;
    private final String referenceTopic;
    /** This client's threads' CPU time, sampled with the metrics refresh; null when the JVM cannot measure it. */
    private final AppThreadCpu threadCpu;
    /** A shuffle join's source read, watched from start until done or closed; null otherwise. */
    private volatile SourceReadWatch sourceReadWatch;

    public StreamsApp(StreamsAppConfig config, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.meters = new AppMeters(registry, config.instanceId());
        Topology topology = WindowedAggregation.build(config.topology(), config.inputTopic(), config.outputTopic(),
                meters, Clock.systemUTC(), throttle);
        Properties properties = properties(config, meters);
        this.streams = new KafkaStreams(topology, properties);
        Optional<EnrichStep> enrich = config.topology().enrich();
        this.referenceTopic = ReferenceSchema.topicBeside(config.inputTopic());
        if (enrich.isPresent()) {
            boolean broadcast = enrich.get().join() == EnrichStep.Join.BROADCAST;
            this.tableJoin = broadcast ? "broadcast" : enrich.get().versionedHistory().isPresent()
                    ? "shuffle, versioned" : "shuffle";
            this.tableLoads = new TableLoads(broadcast ? EnrichStepBuilder.GLOBAL_STORE : EnrichStepBuilder.TABLE_STORE,
                    broadcast ? TableStatus.GLOBAL_RESTORE : TableStatus.CHANGELOG_RESTORE, Clock.systemUTC());
            // Despite its name, Kafka calls this listener for every store's restore, global or a task's.
            streams.setGlobalStateRestoreListener(tableLoads);
        } else {
            this.tableJoin = null;
            this.tableLoads = null;
        }
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread of instance {} failed; shutting the instance down", config.instanceId(), e);
            failure = e;
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.REBALANCING && oldState != KafkaStreams.State.REBALANCING) {
                meters.recordRebalance();
            }
            if (newState == KafkaStreams.State.RUNNING && tableLoads != null) {
                tableLoads.running();
            }
            for (KafkaStreams.StateListener listener : stateListeners) {
                try {
                    listener.onChange(newState, oldState);
                } catch (RuntimeException e) {
                    LOG.warn("A state listener failed", e);
                }
            }
            synchronized (stateLock) {
                stateLock.notifyAll();
            }
        });
        Tags instanceTag = Tags.of("instance", config.instanceId());
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            gauges.add(Gauge.builder("streamsim.streams.state", streams, k -> k.state() == s ? 1 : 0)
                    .description("1 for the Kafka Streams client's current state, 0 for the others")
                    .tags(instanceTag).tag("state", s.name())
                    .register(registry));
        }
        gauges.add(Gauge.builder("streamsim.streams.kafka.dropped.records", this, StreamsApp::droppedRecordsByKafka)
                .description("Kafka Streams' dropped-records-total over this instance's current tasks; "
                        + "falls when a rebalance moves tasks away")
                .tags(instanceTag)
                .register(registry));
        this.metricsScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamsim-metrics-" + config.instanceId());
            t.setDaemon(true);
            return t;
        });
        this.kafkaStreamsMetrics = new KafkaStreamsMetrics(streams, Tags.of("instance", config.instanceId()),
                metricsScheduler, METRICS_REFRESH);
        kafkaStreamsMetrics.bindTo(registry);
        this.threadCpu = AppThreadCpu.ofClient(String.valueOf(properties.get(StreamsConfig.CLIENT_ID_CONFIG)))
                .orElse(null);
        if (threadCpu != null) {
            // Every second, so a thread that ends (a replaced stream thread, a state updater) loses at most a second.
            metricsScheduler.scheduleAtFixedRate(this::sampleThreadCpu, METRICS_REFRESH.toMillis(),
                    METRICS_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The Kafka Streams {@code client.id} unless {@code clientConfig} sets one: Kafka names the threads after it. */
    static String clientId(StreamsAppConfig config) {
        return config.applicationId() + "-" + config.instanceId();
    }

    /** {@link #properties(StreamsAppConfig, AppMeters)} with nowhere to count undecodable records. */
    static Properties properties(StreamsAppConfig config) {
        return properties(config, null);
    }

    /** A year: in effect never, without risking an overflow in Kafka's {@code last purge + interval}. */
    static final long REPARTITION_PURGE_INTERVAL_MS = Duration.ofDays(365).toMillis();

    /**
     * The Kafka Streams properties this instance runs with; {@code clientConfig} entries override them.
     *
     * @param meters where {@link DeadLetterHandler} counts undecodable records; null: not counted
     */
    static Properties properties(StreamsAppConfig config, AppMeters meters) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.CLIENT_ID_CONFIG, clientId(config));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.topology().guarantee().configValue());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.topology().commitInterval().toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // dropped-records is an INFO-level task sensor; DEBUG would add per-processor sensors at a cost.
        p.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "INFO");
        // The oracle replays a groupBy's repartition topic in its real order after the run: keep its records
        // (Streams would delete them up to the committed offsets every 30s).
        p.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, REPARTITION_PURGE_INTERVAL_MS);
        if (config.topology().stateStoreCacheBytes() != null) {
            p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.topology().stateStoreCacheBytes());
        }
        DeadLetterHandler.configure(p, config.deadLetterTopic(), meters);
        p.putAll(config.clientConfig());
        return p;
    }

    public void start() {
        if (tableLoads != null) {
            tableLoads.started();
        }
        Instant startedAt = Clock.systemUTC().instant();
        streams.start();
        if (tableLoads != null && !tableJoin.equals("broadcast")) {
            sourceReadWatch = new SourceReadWatch(streams, tableLoads, config.applicationId(), referenceTopic,
                    config.instanceId(), adminConfig());
            sourceReadWatch.start(startedAt);
        }
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", config.bootstrapServers());
        config.clientConfig().forEach((k, v) -> c.put(String.valueOf(k), v));
        return c;
    }

    /** Waits until the instance is {@code RUNNING}; false on timeout or once it can no longer get there. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            while (true) {
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.RUNNING) {
                    return true;
                }
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_SHUTDOWN
                        || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR) {
                    return false;
                }
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    return false;
                }
                // The listener wakes us; the bounded wait covers a transition that raced the state read.
                TimeUnit.NANOSECONDS.timedWait(stateLock, Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Also told of every state change, on the thread that makes it; add before {@link #start()}. */
    public void addStateListener(KafkaStreams.StateListener listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public ProcessingThrottle throttle() {
        return throttle;
    }

    @Override
    public void slowDown(Duration perRecord, Duration lasting) {
        throttle.slowDown(perRecord, lasting);
        LOG.info("Instance {}: {}", config.instanceId(), perRecord.isZero() || lasting.isZero()
                ? "slow-down off" : "slowing every record by " + perRecord.toNanos() / 1e6 + "ms for " + lasting);
    }

    @Override
    public AppStatus status() {
        return status(false);
    }

    /**
     * @param tableHeld also count what the reference table's store holds ({@link TableHoldings}): an iteration of
     *                  the store, so only when asked (at the end of the load)
     */
    @Override
    public AppStatus status(boolean tableHeld) {
        Duration remaining = throttle.remaining();
        TableStatus table = tableLoads == null ? null : tableLoads.snapshot(tableJoin);
        if (table != null && tableHeld) {
            table = table.withHeld(tableHeld(table.store()));
        }
        return new AppStatus(config.instanceId(), streams.state().name(),
                remaining.isZero() ? null : Clock.systemUTC().instant().plus(remaining), throttle.perRecord(),
                meters.recordsProcessed(), meters.recordsDroppedLate(), droppedRecordsByKafka(),
                meters.recordsDeadLettered(), meters.recordsDroppedUndecodable(), meters.rebalances(), table,
                appThreadsCpuSeconds());
    }

    /** A scheduled task that throws is never run again: a failed sample is logged and the next one tried. */
    private void sampleThreadCpu() {
        try {
            threadCpu.sample();
        } catch (RuntimeException e) {
            LOG.warn("Instance {}: thread CPU not sampled: {}", config.instanceId(), e.toString());
        }
    }

    /** A fresh sample of {@link AppThreadCpu}, seconds; null when not measurable. */
    private Double appThreadsCpuSeconds() {
        if (threadCpu == null) {
            return null;
        }
        sampleThreadCpu();
        return threadCpu.total().toNanos() / 1e9;
    }

    /** What the table's store holds; null when it cannot be asked (not running, a query failed). */
    private TableStatus.Held tableHeld(String store) {
        try {
            return tableJoin.endsWith("versioned")
                    ? TableHoldings.ofVersionedStore(streams, store, referenceTopic, adminConfig())
                    : TableHoldings.ofKeyValueStore(streams, store, referenceTopic);
        } catch (RuntimeException e) {
            LOG.warn("Instance {}: cannot count the table store {}: {}", config.instanceId(), store, e.toString());
            return null;
        }
    }

    /** Why a stream thread died, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Sum of Kafka Streams' own {@code dropped-records-total} over this instance's current tasks: late
     * (record, window) pairs plus anything else Kafka drops. Task metrics go away with their task, so the
     * sum can fall after a rebalance; {@link AppMeters#recordsDroppedLate()} does not.
     */
    public long droppedRecordsByKafka() {
        return droppedRecordsTotal(streams.metrics());
    }

    /** Each stream thread's time split (process, punctuate, commit, poll), from Kafka Streams' own metrics. */
    public List<ThreadRatios.ThreadRatio> threadRatios() {
        return ThreadRatios.of(streams.metrics());
    }

    static long droppedRecordsTotal(Map<MetricName, ? extends Metric> metrics) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if ("dropped-records-total".equals(name.name()) && "stream-task-metrics".equals(name.group())
                    && e.getValue().metricValue() instanceof Number n) {
                sum += n.doubleValue();
            }
        }
        return (long) sum;
    }

    public AppMeters meters() {
        return meters;
    }

    public StreamsAppConfig config() {
        return config;
    }

    /**
     * Closes Kafka Streams within {@code timeout}, committing and leaving the group so that the other
     * instances take the partitions over at once instead of after the session timeout; true if it finished.
     */
    public boolean close(Duration timeout) {
        boolean closed = streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        kafkaStreamsMetrics.close();
        metricsScheduler.shutdownNow();
        SourceReadWatch watch = sourceReadWatch;
        if (watch != null) {
            watch.close();
        }
        gauges.forEach(registry::remove);
        gauges.clear();
        return closed;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}

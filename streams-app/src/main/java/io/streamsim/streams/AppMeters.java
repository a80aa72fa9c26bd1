package io.streamsim.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The app's own meters, one set per app instance (tag {@code instance}), shared by its stream threads.
 * Names are dotted; the Prometheus registry adds {@code _total} to counters and the base unit
 * {@code _seconds} to the distributions (counters carry no base unit, which it would also append):
 * <ul>
 *   <li>{@code streamsim.streams.records.processed}: input events seen by the aggregation (watermarks excluded)</li>
 *   <li>{@code streamsim.streams.records.dropped{reason=late}}: (event, window) pairs the aggregation refuses
 *       because the window had closed; a hopping-window event can count several times, as in Kafka's own
 *       {@code dropped-records}; under session windows the unit is records (a dropped record joins no session)</li>
 *   <li>{@code streamsim.streams.records.dropped{reason=null-key-or-value}}: records that never reach the
 *       aggregation</li>
 *   <li>{@code streamsim.streams.records.dropped{reason=undecodable}}: input records whose value is not an event,
 *       skipped because the instance has no dead-letter topic</li>
 *   <li>{@code streamsim.streams.records.dropped{reason=duplicate}}: events the dedup step dropped</li>
 *   <li>{@code streamsim.streams.records.dead.lettered}: undecodable input records written to the dead-letter
 *       topic (under exactly_once_v2 inside the task's transaction, like every other output)</li>
 *   <li>{@code streamsim.streams.rebalances}: transitions of the Kafka Streams client into {@code REBALANCING},
 *       the first one at startup included</li>
 *   <li>{@code streamsim.streams.window.results.emitted}: results written to the output topic</li>
 *   <li>{@code streamsim.streams.event.lateness}: observed stream time minus event time, in seconds</li>
 *   <li>{@code streamsim.streams.result.latency}: wall clock at emission minus the latest {@code emitted-at}
 *       of the window's events</li>
 * </ul>
 * {@link StreamsApp} adds two gauges that need the running client: {@code streamsim.streams.state} and
 * {@code streamsim.streams.kafka.dropped.records}.
 * These are not transactional: after a crash under exactly_once_v2, reprocessed records count again.
 */
public final class AppMeters {

    /** Sub-second lateness needs its own buckets: Micrometer's default summary buckets start at 1. */
    private static final double[] LATENESS_SLO_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};

    private final Counter processed;
    private final Counter droppedLate;
    private final Counter droppedNull;
    private final Counter droppedUndecodable;
    private final Counter droppedDuplicate;
    private final Counter deadLettered;
    private final Counter rebalances;
    private final Counter resultsEmitted;
    private final DistributionSummary eventLateness;
    private final Timer resultLatency;

    public AppMeters(MeterRegistry registry, String instance) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(instance, "instance");
        Tags tags = Tags.of("instance", instance);
        processed = Counter.builder("streamsim.streams.records.processed")
                .description("Input events seen by the windowed aggregation, watermarks excluded")
                .tags(tags).register(registry);
        droppedLate = Counter.builder("streamsim.streams.records.dropped")
                .description("(record, window) pairs dropped because the window had closed (end + grace <= stream time)")
                .tags(tags).tag("reason", "late").register(registry);
        droppedNull = Counter.builder("streamsim.streams.records.dropped")
                .description("Records without a key or a value, which cannot be aggregated")
                .tags(tags).tag("reason", "null-key-or-value").register(registry);
        droppedUndecodable = Counter.builder("streamsim.streams.records.dropped")
                .description("Undecodable input records skipped because there is no dead-letter topic")
                .tags(tags).tag("reason", "undecodable").register(registry);
        droppedDuplicate = Counter.builder("streamsim.streams.records.dropped")
                .description("Events the dedup step dropped: their id was seen within the step's span of stream time")
                .tags(tags).tag("reason", "duplicate").register(registry);
        deadLettered = Counter.builder("streamsim.streams.records.dead.lettered")
                .description("Undecodable input records written to the dead-letter topic")
                .tags(tags).register(registry);
        rebalances = Counter.builder("streamsim.streams.rebalances")
                .description("Transitions of the Kafka Streams client into REBALANCING, the one at startup included")
                .tags(tags).register(registry);
        resultsEmitted = Counter.builder("streamsim.streams.window.results.emitted")
                .description("Window results written to the output topic")
                .tags(tags).register(registry);
        eventLateness = DistributionSummary.builder("streamsim.streams.event.lateness")
                .description("Observed stream time of the task minus the event's timestamp")
                .baseUnit("seconds")
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENESS_SLO_SECONDS)
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(3600.0)
                .tags(tags).register(registry);
        resultLatency = Timer.builder("streamsim.streams.result.latency")
                .description("Emission wall clock minus the latest emitted-at header of the window's events")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .tags(tags).register(registry);
    }

    void recordProcessed() {
        processed.increment();
    }

    void recordDroppedLate(int windows) {
        droppedLate.increment(windows);
    }

    void recordDroppedNullKeyOrValue() {
        droppedNull.increment();
    }

    void recordDroppedUndecodable() {
        droppedUndecodable.increment();
    }

    void recordDroppedDuplicate() {
        droppedDuplicate.increment();
    }

    void recordDeadLettered() {
        deadLettered.increment();
    }

    void recordRebalance() {
        rebalances.increment();
    }

    void recordLateness(long latenessMillis) {
        eventLateness.record(latenessMillis / 1000.0);
    }

    void recordResultEmitted() {
        resultsEmitted.increment();
    }

    void recordResultLatency(long latencyMillis) {
        resultLatency.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
    }

    public long recordsProcessed() {
        return (long) processed.count();
    }

    /** (record, window) pairs dropped as late, the same unit as Kafka Streams' {@code dropped-records}. */
    public long recordsDroppedLate() {
        return (long) droppedLate.count();
    }

    public long recordsDroppedNullKeyOrValue() {
        return (long) droppedNull.count();
    }

    /** Undecodable input records skipped because the instance has no dead-letter topic. */
    public long recordsDroppedUndecodable() {
        return (long) droppedUndecodable.count();
    }

    /** Events the dedup step dropped as duplicates. */
    public long recordsDroppedDuplicate() {
        return (long) droppedDuplicate.count();
    }

    /** Undecodable input records written to the dead-letter topic. */
    public long recordsDeadLettered() {
        return (long) deadLettered.count();
    }

    /** Transitions into {@code REBALANCING}, the one at startup included. */
    public long rebalances() {
        return (long) rebalances.count();
    }

    public long windowResultsEmitted() {
        return (long) resultsEmitted.count();
    }

    public DistributionSummary eventLateness() {
        return eventLateness;
    }

    public Timer resultLatency() {
        return resultLatency;
    }
}

package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.Headers;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.DedupStep;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.EnrichStep;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.Step;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowStep;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The app's topology, built from the scenario's {@link io.streamsim.model.scenario.Step}s in order: the source
 * and {@link Intake}, then {@link DedupStepBuilder}, {@link EnrichStepBuilder} (reading the reference topic
 * {@link ReferenceSchema#topicBeside beside the input}) and {@link GroupByStepBuilder} when the list has them, then
 * the window step: per key, per window, count, sum, id checksum, latest {@code emitted-at} and the
 * {@link io.streamsim.model.SequenceMeasure} of the events that reach it, written to the output topic as
 * {@link WindowResult}s. Each window type's rule is its
 * {@link WindowAggregate}'s.
 *
 * <p>Stream time only advances for records that reach the aggregation and the suppression buffer, so the
 * simulator's end-of-stream {@link Watermark} (one per partition, past every window's close) is aggregated
 * like an event under {@link Watermark#KEY}; its own windows are kept out of the output.
 */
public final class WindowedAggregation {

    static final String STORE = WindowAggregate.STORE;

    private WindowedAggregation() {
    }

    /** {@link #build(TopologySpec, String, String, AppMeters, Clock)} with the system clock. */
    public static Topology build(TopologySpec spec, String inputTopic, String outputTopic, AppMeters meters) {
        return build(spec, inputTopic, outputTopic, meters, Clock.systemUTC());
    }

    /** {@link #build(TopologySpec, String, String, AppMeters, Clock, ProcessingThrottle)} never slowed down. */
    public static Topology build(TopologySpec spec, String inputTopic, String outputTopic, AppMeters meters,
                                 Clock clock) {
        return build(spec, inputTopic, outputTopic, meters, clock, new ProcessingThrottle(() -> 0L, nanos -> { }));
    }

    /**
     * @param clock    the wall clock result latency is measured with
     * @param throttle consulted once per input record, before it is looked at: the slow-consumer switch
     */
    public static Topology build(TopologySpec spec, String inputTopic, String outputTopic, AppMeters meters,
                                 Clock clock, ProcessingThrottle throttle) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(outputTopic, "outputTopic");
        StepContext context = new StepContext(meters, clock, throttle);

        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Event> events = builder
                .stream(inputTopic, Consumed.with(Serdes.String(), StreamsimSerdes.events()).withName("events"))
                .processValues(() -> new Intake(meters, throttle), Named.as("intake"));
        for (Step step : spec.steps()) {
            if (step instanceof DedupStep dedup) {
                events = DedupStepBuilder.apply(builder, events, dedup, context);
            } else if (step instanceof EnrichStep enrich) {
                events = EnrichStepBuilder.apply(builder, events, enrich, ReferenceSchema.topicBeside(inputTopic));
            } else if (step instanceof GroupByStep groupBy) {
                events = GroupByStepBuilder.apply(events, groupBy, context);
            }
        }
        GroupByStep salted = spec.groupBy().filter(GroupByStep::salted).orElse(null);
        KTable<Windowed<String>, WindowAgg> results = windowStep(events, spec.windowStep(), context, salted != null);
        if (salted != null) {
            results = SaltedStages.combine(events, results, salted, spec.windowStep());
        }
        results
                .toStream(Named.as("results"))
                .filter((windowed, agg) -> !Watermark.KEY.equals(windowed.key()), Named.as("drop-watermark"))
                .map((windowed, agg) -> KeyValue.pair(windowed.key(), toResult(windowed, agg)),
                        Named.as("to-window-result"))
                .peek((key, result) -> {
                    meters.recordResultEmitted();
                    long emittedAtMs = result.lastEmittedAt().toEpochMilli();
                    if (emittedAtMs >= 0) {
                        meters.recordResultLatency(clock.millis() - emittedAtMs);
                    }
                }, Named.as("measure-results"))
                .to(outputTopic, Produced.with(Serdes.String(), StreamsimSerdes.windowResults()).withName("window-results"));
        Topology topology = builder.build();
        String[] lateRuleStores = WindowAggregate.of(spec.windowStep()).lateRuleStores();
        if (lateRuleStores.length > 0) {
            // the DSL connects a processor only to stores added before it, and the window store comes after Inspect
            topology.connectProcessorAndStateStores("inspect", lateRuleStores);
        }
        return topology;
    }

    /**
     * The window step: lateness is measured, then the type's aggregation, then suppression for final emission
     * (always for a salted groupBy's stage 1, whose partials must each be emitted once).
     */
    private static KTable<Windowed<String>, WindowAgg> windowStep(KStream<String, Event> events, WindowStep step,
                                                                  StepContext context, boolean untilWindowCloses) {
        WindowAggregate aggregate = WindowAggregate.of(step);
        KTable<Windowed<String>, WindowAgg> aggregates = aggregate.aggregate(events
                .processValues(() -> new Inspect(aggregate, context.meters()), Named.as("inspect"))
                .groupByKey(Grouped.with("by-key", Serdes.String(), Contribution.serde())));
        if (step.emit() == EmitMode.FINAL || untilWindowCloses) {
            aggregates = aggregates.suppress(
                    Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("until-window-closes"));
        }
        return aggregates;
    }

    /**
     * {@code lastEmittedAt} is epoch - 1ms when none of the window's events carried {@code emitted-at}. A null
     * aggregate is Kafka retracting a window (a session merged into another) and is written as a result of count
     * 0 so that readers of the output drop the window.
     */
    private static WindowResult toResult(Windowed<String> windowed, WindowAgg agg) {
        WindowAgg a = agg == null ? WindowAgg.EMPTY : agg;
        return new WindowResult(windowed.key(), windowed.window().startTime(), windowed.window().endTime(),
                a.count(), a.sum(), a.idChecksum(), Instant.ofEpochMilli(a.maxEmittedAtMs()), a.sequence());
    }

    /**
     * Sees every record just before the aggregation, in the same task and order, and so can keep the task's
     * stream time exactly as Kafka 4.3.1's window aggregations do: it starts at {@code NO_TIMESTAMP} (-1)
     * whenever the task's processor is created (it is not restored after a restart or a rebalance), becomes
     * {@code max(streamTime, recordTimestamp)} before the record is looked at, and the window type's
     * {@link WindowAggregate#lateRule} says what Kafka drops (for sessions by reading the window store, to which
     * this processor is connected). A new instance is made per task.
     */
    static final class Inspect implements FixedKeyProcessor<String, Event, Contribution> {

        private final WindowAggregate aggregate;
        private final AppMeters meters;
        private FixedKeyProcessorContext<String, Contribution> context;
        private LateRule lateRule;
        private long observedStreamTime = ConsumerRecord.NO_TIMESTAMP;
        private Metric taskDroppedRecords;

        Inspect(WindowAggregate aggregate, AppMeters meters) {
            this.aggregate = aggregate;
            this.meters = meters;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Contribution> context) {
            this.context = context;
            this.lateRule = aggregate.lateRule(context);
        }

        @Override
        public void process(FixedKeyRecord<String, Event> record) {
            Event event = record.value();
            long timestamp = record.timestamp();
            observedStreamTime = Math.max(observedStreamTime, timestamp);
            boolean watermark = event instanceof Watermark;
            int late = 0;
            if (!watermark) {
                meters.recordProcessed();
                meters.recordLateness(observedStreamTime - timestamp);
                late = lateRule.lateDrops(record.key(), timestamp, observedStreamTime);
                if (late > 0) {
                    meters.recordDroppedLate(late);
                }
            }
            long emittedAtMs = Headers.decodeEpochMillis(record.headers().lastHeader(Headers.EMITTED_AT));
            double droppedBefore = late == WindowAggregate.COUNTED_BY_KAFKA ? taskDroppedRecords() : 0;
            context.forward(record.withValue(Contribution.of(event, timestamp,
                    watermark ? 0 : WindowResult.idHash(event.id()), emittedAtMs, watermark)));
            if (late == WindowAggregate.COUNTED_BY_KAFKA) {
                // the aggregation runs inside forward(), and nothing else downstream records dropped-records
                long counted = (long) (taskDroppedRecords() - droppedBefore);
                if (counted > 0) {
                    meters.recordDroppedLate((int) counted);
                }
            }
        }

        /** The task's {@code dropped-records-total}, which Kafka's window aggregations record their drops in. */
        private double taskDroppedRecords() {
            if (taskDroppedRecords == null) {
                String taskId = context.taskId().toString();
                for (Map.Entry<MetricName, ? extends Metric> e : context.metrics().metrics().entrySet()) {
                    MetricName name = e.getKey();
                    if ("dropped-records-total".equals(name.name()) && "stream-task-metrics".equals(name.group())
                            && taskId.equals(name.tags().get("task-id"))
                            && Thread.currentThread().getName().equals(name.tags().get("thread-id"))) {
                        taskDroppedRecords = e.getValue();
                    }
                }
                if (taskDroppedRecords == null) {
                    throw new IllegalStateException("no dropped-records-total metric for task " + taskId);
                }
            }
            return ((Number) taskDroppedRecords.metricValue()).doubleValue();
        }
    }
}

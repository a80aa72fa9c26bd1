package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.Headers;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The app's topology: per key, per time window, count, sum, id checksum and latest {@code emitted-at} of the
 * input events, written to the output topic as {@link WindowResult}s.
 *
 * <p>Windows are Kafka's {@link TimeWindows}: they include their start, exclude their end, and close once
 * the task's stream time (the largest record timestamp the aggregation has seen) reaches end + grace.
 * Tumbling 10s, grace 5s: an event at 10s belongs to [10s;20s), not [0s;10s); an event for [0s;10s)
 * is still aggregated while stream time is below 15s and dropped from 15s on. With {@link EmitMode#FINAL}
 * the one result of [0s;10s) is emitted when stream time reaches 15s.
 *
 * <p>Stream time only advances for records that reach the aggregation and the suppression buffer, so the
 * simulator's end-of-stream {@link Watermark} (one per partition, past every window's close) is aggregated
 * like an event under {@link Watermark#KEY}; its own windows are kept out of the output.
 */
public final class WindowedAggregation {

    static final String STORE = "window-agg";

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
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(outputTopic, "outputTopic");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(clock, "clock");
        TimeWindows windows = timeWindows(spec);

        StreamsBuilder builder = new StreamsBuilder();
        KTable<Windowed<String>, WindowAgg> aggregates = builder
                .stream(inputTopic, Consumed.with(Serdes.String(), StreamsimSerdes.events()).withName("events"))
                .processValues(() -> new Inspect(windows, meters, throttle), Named.as("inspect"))
                .groupByKey(Grouped.with("by-key", Serdes.String(), Contribution.serde()))
                .windowedBy(windows)
                .aggregate(() -> WindowAgg.EMPTY, (key, contribution, agg) -> agg.add(contribution),
                        Named.as("aggregate"),
                        Materialized.<String, WindowAgg, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(WindowAgg.serde()));
        if (spec.emit() == EmitMode.FINAL) {
            aggregates = aggregates.suppress(
                    Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("until-window-closes"));
        }
        aggregates.toStream(Named.as("results"))
                .filter((windowed, agg) -> agg != null && !Watermark.KEY.equals(windowed.key()),
                        Named.as("drop-watermark"))
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
        return builder.build();
    }

    static TimeWindows timeWindows(TopologySpec spec) {
        WindowSpec window = spec.window();
        TimeWindows windows = TimeWindows.ofSizeAndGrace(window.size(), spec.grace());
        return window.advance().equals(window.size()) ? windows : windows.advanceBy(window.advance());
    }

    /** {@code lastEmittedAt} is epoch - 1ms when none of the window's events carried {@code emitted-at}. */
    private static WindowResult toResult(Windowed<String> windowed, WindowAgg agg) {
        return new WindowResult(windowed.key(), windowed.window().startTime(), windowed.window().endTime(),
                agg.count(), agg.sum(), agg.idChecksum(), Instant.ofEpochMilli(agg.maxEmittedAtMs()));
    }

    /**
     * Sees every record just before the aggregation, in the same task and order, and so can keep the task's
     * stream time exactly as Kafka 4.3.1's window aggregation does
     * ({@code AbstractKStreamTimeWindowAggregateProcessor}): it starts at {@code NO_TIMESTAMP} (-1) whenever
     * the task's processor is created (it is not restored after a restart or a rebalance), becomes
     * {@code max(streamTime, recordTimestamp)} before the record is looked at, and the record is dropped from
     * each of its windows whose {@code end <= streamTime - grace}. A new instance is made per task.
     */
    static final class Inspect implements FixedKeyProcessor<String, Event, Contribution> {

        private final TimeWindows windows;
        private final AppMeters meters;
        private final ProcessingThrottle throttle;
        private FixedKeyProcessorContext<String, Contribution> context;
        private long observedStreamTime = ConsumerRecord.NO_TIMESTAMP;

        Inspect(TimeWindows windows, AppMeters meters, ProcessingThrottle throttle) {
            this.windows = windows;
            this.meters = meters;
            this.throttle = throttle;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Contribution> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Event> record) {
            throttle.beforeRecord();
            Event event = record.value();
            if (record.key() == null || event == null) {
                // Kafka's aggregation would drop a null key too, before touching stream time; a null value
                // has nothing to add. Neither reaches it, so Kafka's dropped-records counts late drops only.
                meters.recordDroppedNullKeyOrValue();
                return;
            }
            long timestamp = record.timestamp();
            observedStreamTime = Math.max(observedStreamTime, timestamp);
            boolean watermark = event instanceof Watermark;
            if (!watermark) {
                meters.recordProcessed();
                meters.recordLateness(observedStreamTime - timestamp);
                long closeTime = observedStreamTime - windows.gracePeriodMs();
                int lateWindows = 0;
                for (Window window : windows.windowsFor(timestamp).values()) {
                    if (window.end() <= closeTime) {
                        lateWindows++;
                    }
                }
                if (lateWindows > 0) {
                    meters.recordDroppedLate(lateWindows);
                }
            }
            long emittedAtMs = Headers.decodeEpochMillis(record.headers().lastHeader(Headers.EMITTED_AT));
            context.forward(record.withValue(new Contribution(event.aggregatedValue(),
                    watermark ? 0 : WindowResult.idHash(event.id()), emittedAtMs, watermark)));
        }
    }
}

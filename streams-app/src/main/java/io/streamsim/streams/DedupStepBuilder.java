package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.DedupStep;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The dedup step ({@link DedupStep}): a processor over a persistent window store keyed by event id, in the
 * task of the input partition (before any repartition, so one task = one input partition).
 *
 * <p>Stream time is Kafka's task stream time, {@code context.currentStreamTimeMs()}: it already includes the
 * record being processed, and after a restart Kafka 4.3.1 restores it from the committed offsets' metadata
 * (the partition time stored with each commit), so replayed records see the stream time an uninterrupted
 * task would have had (pinned by {@code DedupStepTest}). An event is dropped when
 * {@code fetch(id, streamTime - within, streamTime)} (both bounds inclusive) finds a kept copy; otherwise it is
 * kept and {@code put(id, streamTime)}. Within 10s: first seen at stream time 100s, a copy at stream time 110s
 * is dropped, at 110.001s kept. The store's retention is {@code within} + 1ms: a window store serves fetches
 * from {@code observedStreamTime - retention + 1} on, and its observed stream time (the largest put
 * timestamp) never runs ahead of the task's, so every entry the rule looks at is still there. Watermarks pass
 * untouched. The store is changelogged and uncached, so under at_least_once a crash can leave it ahead of the
 * committed offsets: replayed records then find themselves already seen (see the dedup-under-crash scenario).
 */
final class DedupStepBuilder {

    static final String STORE = "dedup-seen-ids";

    private DedupStepBuilder() {
    }

    static KStream<String, Event> apply(StreamsBuilder builder, KStream<String, Event> events, DedupStep step,
                                        StepContext context) {
        Duration within = step.within();
        StoreBuilder<WindowStore<Long, Long>> store = Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STORE, within.plusMillis(1), Duration.ofMillis(1), false),
                Serdes.Long(), Serdes.Long());
        builder.addStateStore(store);
        return events.processValues(() -> new Dedup(within.toMillis(), context.meters()), Named.as("dedup"), STORE);
    }

    static final class Dedup implements FixedKeyProcessor<String, Event, Event> {

        private final long withinMs;
        private final AppMeters meters;
        private FixedKeyProcessorContext<String, Event> context;
        private WindowStore<Long, Long> seen;

        Dedup(long withinMs, AppMeters meters) {
            this.withinMs = withinMs;
            this.meters = meters;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Event> context) {
            this.context = context;
            this.seen = context.getStateStore(STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, Event> record) {
            Event event = record.value();
            if (event instanceof Watermark) {
                context.forward(record);
                return;
            }
            long streamTime = context.currentStreamTimeMs();
            long id = event.id();
            try (WindowStoreIterator<Long> copies = seen.fetch(id, Instant.ofEpochMilli(Math.max(0, streamTime - withinMs)),
                    Instant.ofEpochMilli(streamTime))) {
                if (copies.hasNext()) {
                    meters.recordDroppedDuplicate();
                    return;
                }
            }
            seen.put(id, streamTime, streamTime);
            context.forward(record);
        }
    }
}

package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.Watermark;
import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 2 of a salted groupBy ({@link GroupByStep#salted()}). Stage 1 is the ordinary window step over the
 * sub-keys ({@code seller-00042#5}) that {@link GroupByStepBuilder} wrote to {@code by-<fields>}, suppressed until
 * each window closes whatever the scenario's emit mode, so that every (sub-key, window) partial is emitted exactly
 * once (under exactly_once_v2; a crash under at_least_once may emit one again). Here each partial is re-keyed to
 * its original key and window ({@code seller-00042}, [10s;20s)), written to the second repartition topic
 * {@code by-<fields>-unsalted} (partitioned by the original key), and added to that key and window's total in a
 * key-value store ({@value #STORE}), whose every update goes on to the output.
 *
 * <p>Why stage 2 emits updates rather than waiting: a window's total is final once every stage-1 task has closed
 * that window, and a stage-2 task cannot know that from the partials alone (a sub-key with no events sends none,
 * and the lagging hot partition is the very thing salting is for), so any wait of its own by stream time could
 * emit early. Instead the latest result per (key, window) is the final one, and there are at most {@code salt}
 * results per window (fewer when the state store cache coalesces them before a commit). Late records are dropped
 * in stage 1 only (counted by {@code Inspect}); stage 2 drops nothing. The end-of-stream watermark closes stage 1
 * on every partition (multicast to the first repartition topic) and is forwarded, after stage 1 saw it, to every
 * partition of the second one too, where it is aggregated under {@link Watermark#KEY} and kept off the output.
 */
final class SaltedStages {

    /** Stage 2's store of combined partials, keyed by original key and window. */
    static final String STORE = "partials-combined";

    private SaltedStages() {
    }

    /**
     * @param stageOneInput the re-keyed events stage 1 aggregates (the watermark is taken from it)
     * @param partials      stage 1's windows, suppressed until they close
     */
    static KTable<Windowed<String>, WindowAgg> combine(KStream<String, Event> stageOneInput,
                                                       KTable<Windowed<String>, WindowAgg> partials,
                                                       GroupByStep step, WindowStep window) {
        long sizeMs = ((WindowSpec.Aligned) window.window()).size().toMillis();
        Serde<Windowed<String>> windowedKey = new WindowedSerdes.TimeWindowedSerde<>(Serdes.String(), sizeMs);
        KStream<Windowed<String>, WindowAgg> unsalted = partials
                .toStream(Named.as("partials"))
                .filter((subKey, partial) -> !Watermark.KEY.equals(subKey.key()), Named.as("drop-watermark-partials"))
                .map((subKey, partial) -> KeyValue.pair(
                        new Windowed<>(GroupByStep.unsalted(subKey.key()), subKey.window()), partial),
                        Named.as("unsalt"));
        KStream<Windowed<String>, WindowAgg> watermarks = stageOneInput
                .filter((key, event) -> event instanceof Watermark, Named.as("watermark-to-stage-2"))
                .map((key, event) -> KeyValue.pair(new Windowed<>(Watermark.KEY,
                        new Span(event.eventTime().toEpochMilli(), sizeMs)),
                        WindowAgg.EMPTY), Named.as("watermark-as-partial"));
        return unsalted.merge(watermarks, Named.as("partials-and-watermarks"))
                .repartition(Repartitioned.<Windowed<String>, WindowAgg>as(GroupByModel.unsaltedRepartitionName(step))
                        .withKeySerde(windowedKey)
                        .withValueSerde(WindowAgg.serde())
                        .withStreamPartitioner(new ByOriginalKey()))
                .groupByKey(Grouped.with(windowedKey, WindowAgg.serde()))
                .aggregate(() -> WindowAgg.EMPTY, (key, partial, total) -> total.merge(partial),
                        Named.as("combine-partials"),
                        Materialized.<Windowed<String>, WindowAgg, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(windowedKey)
                                .withValueSerde(WindowAgg.serde()));
    }

    /** The watermark's window in stage 2: only its key matters there (the serde keeps the start alone). */
    private static final class Span extends Window {

        Span(long startMs, long sizeMs) {
            super(startMs, startMs + sizeMs);
        }

        @Override
        public boolean overlap(Window other) {
            return startMs < other.end() && other.start() < endMs;
        }
    }

    /**
     * A partial goes where Kafka's default partitioner puts its original key ({@code murmur2(UTF-8 key) %
     * partitions}), so one task holds all of a key's windows; the watermark goes to every partition.
     */
    static final class ByOriginalKey implements StreamPartitioner<Windowed<String>, WindowAgg> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, Windowed<String> key, WindowAgg value,
                                                 int numPartitions) {
            if (Watermark.KEY.equals(key.key())) {
                return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
            }
            return Optional.of(Set.of(GroupByModel.partitionOf(key.key(), numPartitions)));
        }
    }
}

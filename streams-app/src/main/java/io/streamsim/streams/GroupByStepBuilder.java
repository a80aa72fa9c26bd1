package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.GroupByStep;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The groupBy step ({@link GroupByStep}): re-keys every event by {@link GroupByStep#subKeyOf} (its key, or
 * when salted the sub-key of stage 1, see {@link SaltedStages}) and repartitions
 * through the named topic {@code <application.id>-by-<fields>-repartition}, with as many partitions as the
 * input (Kafka's default for {@code repartition()}), so that the window step's tasks each hold whole keys.
 *
 * <p>An event goes where Kafka's default partitioner puts its key ({@code murmur2(UTF-8 key) % partitions});
 * the end-of-stream {@link Watermark}, one per input partition, goes to every partition of the repartition topic
 * (a KIP-837 multicast: {@link StreamPartitioner#partitions} returning all of them, which Kafka 4.3.1's record
 * collector honours for any sink, a repartition topic's included), so each downstream task sees one watermark
 * per upstream task and closes its windows. Headers (the {@code emitted-at} of latency) travel with the record.
 */
final class GroupByStepBuilder {

    private GroupByStepBuilder() {
    }

    static KStream<String, Event> apply(KStream<String, Event> events, GroupByStep step, StepContext context) {
        String name = repartitionName(step);
        return events
                .selectKey((key, event) -> step.subKeyOf(event), Named.as("key-by-" + String.join("-", step.fields())))
                .repartition(Repartitioned.<String, Event>as(name)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(StreamsimSerdes.events())
                        .withStreamPartitioner(new WatermarkToAll()));
    }

    /** {@code by-userId}, {@code by-userId-page}: the repartition topic is {@code <application.id>-<this>-repartition}. */
    static String repartitionName(GroupByStep step) {
        return GroupByModel.repartitionName(step);
    }

    /** Every partition for a watermark; Kafka's default partitioner (empty) for an event. */
    static final class WatermarkToAll implements StreamPartitioner<String, Event> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Event value, int numPartitions) {
            if (value instanceof Watermark) {
                return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
            }
            return Optional.empty();
        }
    }
}

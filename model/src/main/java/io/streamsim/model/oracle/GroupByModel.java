package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.GroupByStep;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.utils.Utils;

/**
 * The groupBy step's routing ({@code GroupByStepBuilder}): the new key is {@link GroupByStep#subKeyOf} (the
 * key, or a salted groupBy's sub-key); an event
 * goes to the repartition partition Kafka's default partitioner picks for the key's UTF-8 bytes,
 * {@code toPositive(murmur2(bytes)) % partitions}; a {@link Watermark} goes to every partition.
 */
public final class GroupByModel {

    private final GroupByStep step;
    private final int partitions;

    /** @param partitions the repartition topic's partition count (the input's, by default) */
    public GroupByModel(GroupByStep step, int partitions) {
        this.step = Objects.requireNonNull(step, "step");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        this.partitions = partitions;
    }

    /**
     * The repartition topic Kafka Streams creates for {@code step} in application {@code applicationId}:
     * {@code <applicationId>-by-<fields joined by ->-repartition}, e.g. {@code app-by-userId-repartition}.
     */
    public static String repartitionTopic(String applicationId, GroupByStep step) {
        return applicationId + "-" + repartitionName(step) + "-repartition";
    }

    /**
     * A salted groupBy's second repartition topic, which carries stage 1's partials re-keyed to the original key:
     * {@code <applicationId>-by-<fields>-unsalted-repartition}.
     */
    public static String unsaltedRepartitionTopic(String applicationId, GroupByStep step) {
        return applicationId + "-" + unsaltedRepartitionName(step) + "-repartition";
    }

    /** The name the app gives a salted groupBy's second repartition: {@code by-sellerId-unsalted}. */
    public static String unsaltedRepartitionName(GroupByStep step) {
        return repartitionName(step) + "-unsalted";
    }

    /** The name the app gives the repartition: {@code by-userId}, {@code by-userId-page}. */
    public static String repartitionName(GroupByStep step) {
        return "by-" + String.join("-", step.fields());
    }

    /** The key the event is written to the repartition topic with: the salted sub-key when salted. */
    public String keyOf(Event event) {
        return step.subKeyOf(event);
    }

    /** The repartition partition of an event with {@code key}; -1 for a watermark (every partition). */
    public int partitionOf(String key, Event event) {
        if (event instanceof Watermark) {
            return -1;
        }
        return partitionOf(key, partitions);
    }

    /** Kafka's default partitioner for a String key. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public int partitions() {
        return partitions;
    }
}

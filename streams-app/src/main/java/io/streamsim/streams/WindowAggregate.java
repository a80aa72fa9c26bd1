package io.streamsim.streams;

import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * One window type's aggregation in Kafka Streams' DSL, and its late rule as the app counts it. One
 * implementation per type, each the twin of a {@link io.streamsim.model.oracle.WindowModel} in the oracle.
 */
interface WindowAggregate {

    /** The window state store's name. */
    String STORE = "window-agg";

    /**
     * What {@link #lateDrops} returns when a record's drops depend on the windows the store holds (sliding
     * windows): the app then counts what Kafka's task {@code dropped-records} sensor recorded while the record was
     * aggregated.
     */
    int COUNTED_BY_KAFKA = -1;

    static WindowAggregate of(WindowStep step) {
        WindowSpec window = step.window();
        if (window instanceof WindowSpec.Aligned aligned) {
            return new AlignedWindowAggregate(aligned, step.grace());
        }
        if (window instanceof WindowSpec.Sliding sliding) {
            return new SlidingWindowAggregate(sliding, step.grace());
        }
        return new SessionWindowAggregate((WindowSpec.Session) window, step.grace());
    }

    /**
     * How many drops a record at {@code timestampMs} counts as late when the aggregation's stream time is
     * {@code streamTimeMs} (the record's own timestamp included), in Kafka's {@code dropped-records} unit for this
     * window type; 0 when it is aggregated everywhere; {@link #COUNTED_BY_KAFKA} when that depends on the store.
     */
    int lateDrops(long timestampMs, long streamTimeMs);

    /**
     * The late rule of one task, made when the task's inspecting processor starts; it may read the stores named by
     * {@link #lateRuleStores()}. By default {@link #lateDrops(long, long)}, which needs no state.
     */
    default LateRule lateRule(ProcessingContext context) {
        return (key, timestampMs, streamTimeMs) -> lateDrops(timestampMs, streamTimeMs);
    }

    /** The stores {@link #lateRule} reads, connected to the inspecting processor; none by default. */
    default String[] lateRuleStores() {
        return new String[0];
    }

    /** Aggregates the contributions per key and window, into {@link #STORE}. */
    KTable<Windowed<String>, WindowAgg> aggregate(KGroupedStream<String, Contribution> grouped);
}

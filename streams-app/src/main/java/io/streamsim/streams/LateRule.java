package io.streamsim.streams;

/**
 * A window type's late rule inside one task: how many drops Kafka counts for the record about to reach the
 * aggregation. Made per task by {@link WindowAggregate#lateRule}, so it may hold that task's state stores.
 */
@FunctionalInterface
interface LateRule {

    /**
     * @param key          the record's key, never null
     * @param timestampMs  the record's timestamp
     * @param streamTimeMs the aggregation's stream time, the record's own timestamp included
     * @return drops in Kafka's {@code dropped-records} unit for the window type, 0 when the record is aggregated
     */
    int lateDrops(String key, long timestampMs, long streamTimeMs);
}

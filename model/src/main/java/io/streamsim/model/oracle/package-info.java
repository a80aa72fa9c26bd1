/**
 * The ground-truth oracle: what the app's output topic must hold, derived from the input topic alone, and
 * the comparison of that expectation with what the app emitted. Pure: no I/O, no clock.
 *
 * <p>{@link io.streamsim.model.oracle.WindowOracle} replays input records (per partition, in offset order)
 * under Kafka Streams 4.3.1's own late-data rule, as read from {@code KStreamWindowAggregate} and
 * {@code AbstractKStreamTimeWindowAggregateProcessor}: per task (here one input partition, since the key is
 * not changed before the aggregation and so there is no repartition), stream time starts at -1 when the
 * task's processor is created; every record with a key first moves it to {@code max(streamTime, timestamp)},
 * then is aggregated into each of its windows whose {@code end > streamTime - grace} and dropped (and
 * counted once per record and window) from the others. Records that cannot be decoded never reach the
 * aggregation and do not move stream time. Tumbling 10s, grace 5s, one partition, records at 1s, 15s,
 * 9.999s: the third is dropped, since stream time 15s - 5s = 10s is not below the end 10s of [0s;10s).
 * Sliding windows ({@link io.streamsim.model.oracle.SlidingWindowModel}) replay Kafka's own sliding-window
 * algorithm per task and key, since which windows exist there depends on the order records arrive in. Every
 * window also carries a {@link io.streamsim.model.SequenceMeasure} (views and purchases), checked like the count.
 *
 * <p>Before the window step, {@link io.streamsim.model.oracle.DedupModel} replays the dedup step per input
 * partition and {@link io.streamsim.model.oracle.GroupByModel} routes each record to the repartition partition
 * Kafka's default partitioner picks (watermarks to all). Which order a window task then sees the upstream tasks'
 * records in is timing, so after a real run {@link io.streamsim.model.oracle.RepartitionReplay} replays the
 * repartition topic itself, checked against the {@link io.streamsim.model.oracle.RepartitionExpectation} the input
 * gives. A salted groupBy's repartition topic holds sub-keys: {@code SaltedWindowModel} runs the window model per
 * sub-key (stage 1, its stream time per sub-key partition) and sums the partials per original key (stage 2).
 *
 * <p>Between them, {@link io.streamsim.model.oracle.EnrichModel} joins each event with its key's row as of its own
 * time, from the {@link io.streamsim.model.oracle.ReferenceHistory} read off the reference topic. Which version a
 * real join used is timing (a GlobalKTable or unversioned KTable by design, a versioned one when an update reaches
 * the table after events it applies to), so a groupBy by a table attribute has no known partition per event, and
 * {@link io.streamsim.model.oracle.EnrichAudit} counts the events whose version differs from the truth, per cause.
 *
 * <p>{@link io.streamsim.model.oracle.OracleComparison} compares an
 * {@link io.streamsim.model.oracle.Expectation} with the latest result of every window read from the output
 * topic, into an {@link io.streamsim.model.oracle.OracleVerdict}. Under exactly_once_v2 with no restart the
 * verdict must be exact; under at_least_once it quantifies what was counted twice or lost.
 */
package io.streamsim.model.oracle;

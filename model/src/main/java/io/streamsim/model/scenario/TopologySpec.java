package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * The streams app's windowed aggregation.
 *
 * @param grace          how long after a window's end records for it are still accepted, in stream time
 * @param commitInterval Kafka Streams' {@code commit.interval.ms}; the default is 100ms under exactly_once_v2
 *                       (Kafka's own) and 1s under at_least_once (Kafka's 30s would make committed-offset lag,
 *                       and replay after a crash, look far worse than the pipeline is)
 */
public record TopologySpec(
        WindowSpec window,
        Duration grace,
        EmitMode emit,
        ProcessingGuarantee guarantee,
        Duration commitInterval,
        Long stateStoreCacheBytes) {

    public static Duration defaultCommitInterval(ProcessingGuarantee guarantee) {
        return guarantee == ProcessingGuarantee.EXACTLY_ONCE_V2 ? Duration.ofMillis(100) : Duration.ofSeconds(1);
    }

    public TopologySpec {
        Checks.at("")
                .notNull("window", window)
                .notNull("grace", grace)
                .notNull("emit", emit)
                .notNull("guarantee", guarantee)
                .notNull("commitInterval", commitInterval)
                .done();
        Checks.at("").notNegative("grace", grace).positive("commitInterval", commitInterval)
                .that(grace.toNanos() % 1_000_000 == 0, "grace", "must be whole milliseconds")
                .that(stateStoreCacheBytes == null || stateStoreCacheBytes >= 0, "stateStoreCacheBytes",
                        "must be >= 0, was " + stateStoreCacheBytes)
                .done();
    }

    /** With Kafka's default state store cache. */
    public TopologySpec(WindowSpec window, Duration grace, EmitMode emit, ProcessingGuarantee guarantee,
                        Duration commitInterval) {
        this(window, grace, emit, guarantee, commitInterval, null);
    }
}

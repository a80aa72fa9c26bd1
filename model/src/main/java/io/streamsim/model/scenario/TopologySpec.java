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

    /** The {@code grace} when a file leaves it out: a record after its window's end is late. */
    public static final Duration DEFAULT_GRACE = Duration.ZERO;
    /** The {@code emit} when a file leaves it out. */
    public static final EmitMode DEFAULT_EMIT = EmitMode.FINAL;
    /** The {@code guarantee} when a file leaves it out: the one under which the oracle's verdict is exact. */
    public static final ProcessingGuarantee DEFAULT_GUARANTEE = ProcessingGuarantee.EXACTLY_ONCE_V2;

    /** The {@code commitInterval} when a file leaves it out; see the record's doc for why. */
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

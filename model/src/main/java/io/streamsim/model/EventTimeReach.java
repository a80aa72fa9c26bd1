package io.streamsim.model;

import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How far a scenario's event times can lie from the broker's clock, which decides the retention its topics need.
 * Kafka deletes a segment once its newest timestamp is older than {@code retention.ms} by the broker's clock (7 days
 * by default, checked every 5 minutes) and refuses a record stamped more than {@code message.timestamp.after.max.ms}
 * (1 hour by default since Kafka 4.0) ahead of it: a historical start, a compressed time scale or a deep backfill
 * would otherwise lose its records within minutes while the app sits RUNNING on nothing.
 */
public final class EventTimeReach {

    /** Kafka Streams' default {@code windowstore.changelog.additional.retention.ms}: one day. */
    public static final Duration KAFKA_DEFAULT_ADDITIONAL_RETENTION = Duration.ofDays(1);

    private EventTimeReach() {
    }

    /**
     * True when records of the run may be stamped far from the broker's clock: a historical {@code startTime}, a
     * {@code timeScale} other than 1, or a backfill. Only then do the run's topics get unlimited retention: a run
     * against a shared cluster otherwise keeps the cluster's own.
     */
    public static boolean detachedFromWallClock(Scenario scenario) {
        return scenario.events().eventTimeDetachedFromWallClock()
                || scenario.faults().stream().anyMatch(f -> f instanceof Fault.Backfill);
    }

    /**
     * Topic configs for the topics the run writes itself (input, output, dead letters): unlimited retention and no
     * limit on timestamps ahead of the broker's clock when {@link #detachedFromWallClock}; none otherwise, so a run
     * on a shared cluster keeps that cluster's retention.
     */
    public static Map<String, String> topicConfigs(Scenario scenario) {
        if (!detachedFromWallClock(scenario)) {
            return Map.of();
        }
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, String.valueOf(Long.MAX_VALUE));
    }

    /**
     * The earliest event time a record of a run whose load starts at {@code loadStart} can carry: the event clock's
     * origin, less the deepest backfill, the longest disorder delay and the largest backward clock skew.
     */
    public static Instant earliestEventTime(Scenario scenario, Instant loadStart) {
        Instant origin = scenario.events().startTime() != null ? scenario.events().startTime() : loadStart;
        Duration back = scenario.disorder().lateFraction() > 0 ? scenario.disorder().maxDelay() : Duration.ZERO;
        Duration deepest = Duration.ZERO;
        for (Fault f : scenario.faults()) {
            if (f instanceof Fault.Backfill b && b.from().compareTo(deepest) < 0) {
                deepest = b.from();
            }
            if (f instanceof Fault.ClockSkew c && c.offset().isNegative()) {
                back = back.plus(c.offset().negated());
            }
        }
        return origin.plus(deepest).minus(back);
    }

    /**
     * How long a windowed store's changelog must keep records beyond the store's own retention so that none is
     * deleted during the run: how far the earliest event time lies behind {@code now}, plus Kafka's default day
     * (which also covers the run's own length).
     */
    public static Duration changelogAdditionalRetention(Scenario scenario, Instant now) {
        Duration behind = Duration.between(earliestEventTime(scenario, now), now);
        return behind.isNegative() ? KAFKA_DEFAULT_ADDITIONAL_RETENTION : behind.plus(KAFKA_DEFAULT_ADDITIONAL_RETENTION);
    }
}

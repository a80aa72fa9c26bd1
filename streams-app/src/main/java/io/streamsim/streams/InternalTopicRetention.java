package io.streamsim.streams;

import io.streamsim.model.EventTimeReach;
import io.streamsim.model.scenario.Scenario;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams settings that keep the app's internal topics' records when event time lies far from the broker's clock
 * ({@link EventTimeReach}); none otherwise. As Kafka Streams 4.3.1 creates them:
 * <ul>
 *   <li>a windowed store's changelog ({@code WindowedChangelogTopicConfig}, {@code compact,delete}) gets
 *       {@code retention.ms} = the store's retention + {@code windowstore.changelog.additional.retention.ms},
 *       overriding any {@code topic.retention.ms}: so the additional retention is set to how far the earliest event
 *       time lies behind now, plus a day;</li>
 *   <li>repartition topics ({@code RepartitionTopicConfig}) already get {@code retention.ms=-1} and are purged by
 *       the app itself after each commit: nothing to do;</li>
 *   <li>every internal topic takes the {@code topic.}-prefixed defaults: {@code message.timestamp.after.max.ms}
 *       unlimited, since compressed event time runs ahead of the broker's clock (Kafka refuses records over an hour
 *       ahead by default).</li>
 * </ul>
 */
public final class InternalTopicRetention {

    private InternalTopicRetention() {
    }

    /** The settings for {@code scenario}'s app started at {@code now}; empty when event time follows the wall clock. */
    public static Map<String, Object> streamsConfig(Scenario scenario, Instant now) {
        if (!EventTimeReach.detachedFromWallClock(scenario)) {
            return Map.of();
        }
        return Map.of(
                StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                String.valueOf(EventTimeReach.changelogAdditionalRetention(scenario, now).toMillis()),
                StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG),
                String.valueOf(Long.MAX_VALUE));
    }
}

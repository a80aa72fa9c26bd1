package io.streamsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class EventTimeReachTest {

    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    private static Scenario scenario(String eventsExtra, String extra) {
        return ScenarioLoader.parse("""
                name: reach
                seed: 1
                events: {type: orders, keys: 10%s}
                rate:
                  - {for: 60s, eventsPerSecond: 100}
                topology:
                  window: {tumbling: 10s}
                """.formatted(eventsExtra) + extra, "test.yaml", null);
    }

    @Test
    void topicConfigs_eventTimeWithTheWallClock_leavesTheClusterRetention() {
        Scenario s = scenario("", "");

        assertThat(EventTimeReach.detachedFromWallClock(s)).isFalse();
        assertThat(EventTimeReach.topicConfigs(s)).isEmpty();
    }

    @Test
    void topicConfigs_historicalStart_unlimitedRetentionAndNoFutureLimit() {
        Scenario s = scenario(", startTime: 2025-12-01T00:00:00Z", "");

        assertThat(EventTimeReach.topicConfigs(s))
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .containsEntry(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, String.valueOf(Long.MAX_VALUE));
    }

    @Test
    void topicConfigs_compressedOrBackfilled_unlimitedRetention() {
        assertThat(EventTimeReach.topicConfigs(scenario(", timeScale: 60", ""))).containsKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(EventTimeReach.topicConfigs(scenario("",
                "faults:\n  - {at: 10s, backfill: {from: -720h, to: -1h, events: 5}}\n")))
                .containsKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void changelogAdditionalRetention_yearOldStartWithDisorderAndBackfill_coversTheOldestEventPlusADay() {
        Scenario s = scenario(", startTime: 2025-12-02T00:00:00Z",
                "disorder: {lateFraction: 0.1, delay: {fixed: 1h}, maxDelay: 2h}\n"
                        + "faults:\n  - {at: 10s, backfill: {from: -24h, to: -1h, events: 5}}\n");

        assertThat(EventTimeReach.earliestEventTime(s, NOW)).isEqualTo(Instant.parse("2025-11-30T22:00:00Z"));
        assertThat(EventTimeReach.changelogAdditionalRetention(s, NOW))
                .isEqualTo(Duration.ofDays(365 + 1).plusHours(2).plus(EventTimeReach.KAFKA_DEFAULT_ADDITIONAL_RETENTION));
    }

    @Test
    void changelogAdditionalRetention_eventTimeAheadOfTheClock_isKafkasDefault() {
        Scenario s = scenario(", startTime: 2027-01-01T00:00:00Z, timeScale: 1000", "");

        assertThat(EventTimeReach.changelogAdditionalRetention(s, NOW))
                .isEqualTo(EventTimeReach.KAFKA_DEFAULT_ADDITIONAL_RETENTION);
    }
}

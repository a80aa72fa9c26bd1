package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class InternalTopicRetentionTest {

    private static Scenario scenario(String eventsExtra) {
        return ScenarioLoader.parse("""
                name: internal
                seed: 1
                events: {type: orders, keys: 10%s}
                rate:
                  - {for: 60s, eventsPerSecond: 100}
                topology:
                  window: {hopping: {size: 168h, advance: 24h}}
                """.formatted(eventsExtra), "test.yaml", null);
    }

    @Test
    void streamsConfig_eventTimeWithTheWallClock_isEmpty() {
        assertThat(InternalTopicRetention.streamsConfig(scenario(""), Instant.now())).isEmpty();
    }

    @Test
    void streamsConfig_yearOldStart_changelogAdditionalRetentionReachesBackAYearAndInternalTopicsTakeFutureTimes() {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");

        var config = InternalTopicRetention.streamsConfig(scenario(", startTime: 2025-12-02T00:00:00Z"), now);

        assertThat(Long.parseLong((String) config.get(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG)))
                .isEqualTo(Duration.ofDays(366).toMillis());
        assertThat(config).containsEntry("topic.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
    }
}

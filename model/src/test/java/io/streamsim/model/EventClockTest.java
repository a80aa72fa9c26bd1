package io.streamsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.EventsSpec;
import io.streamsim.model.scenario.KeyDistribution;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventClockTest {

    private static final Instant LOAD_START = Instant.parse("2026-12-01T10:00:00.000400Z");

    @Test
    void epochMillisAt_defaultSpec_isTheWallClockTruncatedToMillis() {
        EventClock clock = EventClock.of(new EventsSpec(EventType.ORDERS, 10, new KeyDistribution.Uniform()),
                LOAD_START);

        assertThat(clock.epochMillisAt(0)).isEqualTo(LOAD_START.toEpochMilli());
        assertThat(clock.epochMillisAt(700_000)).isEqualTo(LOAD_START.toEpochMilli() + 1);
        assertThat(clock.epochMillisAt(Duration.ofSeconds(30).toNanos())).isEqualTo(LOAD_START.toEpochMilli() + 30_000);
    }

    @Test
    void epochMillisAt_weekAMinuteFromAHistoricalStart_isHalfAWeekAfterThirtySeconds() {
        EventClock clock = EventClock.of(new EventsSpec(EventType.ORDERS, 10, new KeyDistribution.Uniform(),
                Instant.parse("2026-01-05T00:00:00Z"), 10080), LOAD_START);

        assertThat(Instant.ofEpochMilli(clock.epochMillisAt(Duration.ofSeconds(30).toNanos())))
                .isEqualTo(Instant.parse("2026-01-08T12:00:00Z"));
        assertThat(clock.eventSpan(Duration.ofMinutes(1))).isEqualTo(Duration.ofDays(7));
    }
}

package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code events.startTime} and {@code events.timeScale}: event time = start + wall offset x scale, then disorder. */
class EventTimeMappingTest {

    private static final Instant LOAD_START = Instant.parse("2026-12-02T01:00:00Z");
    private static final String RATE = "[{for: 60s, eventsPerSecond: 1000}]";

    private static Scenario weekAMinute(long seed, String disorder) {
        return Scenarios.of(seed, "{type: orders, keys: 50, startTime: 2026-01-05T00:00:00Z, timeScale: 10080}", RATE,
                disorder);
    }

    @Test
    void event_historicalStartAndWeekAMinute_eventTimeIsStartPlusScaledDueTime() {
        EventGenerator g = new EventGenerator(weekAMinute(7, ""), LOAD_START);

        for (long i = 0; i < 60_000; i += 997) {
            GeneratedEvent e = g.event(i);
            long expected = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli()
                    + (long) (e.dueOffsetNanos() * 10080.0) / 1_000_000;
            assertThat(e.event().eventTime().toEpochMilli()).as("event %d", i).isEqualTo(expected);
        }
        assertThat(g.event(30_000).event().eventTime()).isEqualTo(Instant.parse("2026-01-08T12:00:00Z"));
    }

    @Test
    void event_sameSeedAnyLoadStart_sameEventsWhenStartTimeIsGiven() {
        EventGenerator a = new EventGenerator(weekAMinute(7, ""), LOAD_START);
        EventGenerator b = new EventGenerator(weekAMinute(7, ""), LOAD_START.plus(Duration.ofDays(3)));

        for (long i = 0; i < 5_000; i += 7) {
            assertThat(b.event(i)).isEqualTo(a.event(i));
        }
    }

    @Test
    void event_disorderUnderTimeScale_delaysAreEventTimeNotScaled() {
        Scenario s = weekAMinute(11, "disorder: {lateFraction: 1.0, delay: {fixed: 8s}}\n");
        EventGenerator late = new EventGenerator(s, LOAD_START);
        EventGenerator onTime = new EventGenerator(weekAMinute(11, ""), LOAD_START);

        for (long i = 0; i < 2_000; i += 13) {
            assertThat(Duration.between(late.event(i).event().eventTime(), onTime.event(i).event().eventTime()))
                    .isEqualTo(Duration.ofSeconds(8));
        }
    }

    @Test
    void at_rateStepShiftUnderTimeScale_movesEventTimeByTheScaledShift() {
        EventGenerator g = new EventGenerator(weekAMinute(7, ""), LOAD_START);
        GeneratedEvent e = g.event(10_000);
        EncodedEvent encoded = EncodedEvent.of(e, e.dueOffsetNanos(), g.clock());

        EncodedEvent earlier = encoded.at(e.dueOffsetNanos() - 1_000_000_000L);

        assertThat(encoded.eventMillis() - earlier.eventMillis()).isEqualTo(10_080_000L);
    }

    @Test
    void event_noTimeKeys_eventTimeIsTheLoadStartPlusDueTimeAsBefore() {
        Scenario s = Scenarios.of(7, "{type: orders, keys: 50}", RATE, "");
        EventGenerator g = new EventGenerator(s, LOAD_START);

        GeneratedEvent e = g.event(1_500);
        assertThat(e.event().eventTime().toEpochMilli())
                .isEqualTo(LOAD_START.toEpochMilli() + e.dueOffsetNanos() / 1_000_000);
    }
}

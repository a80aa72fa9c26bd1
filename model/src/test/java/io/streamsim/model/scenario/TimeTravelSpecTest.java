package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code events.startTime}, {@code events.timeScale} and the backfill and replay faults, as files write them. */
class TimeTravelSpecTest {

    private static final String SOURCE = "test.yaml";

    /** Line numbers below refer to this file. */
    private static final String BASE = """
            name: time
            seed: 1
            duration: 60s
            events:
              type: orders
              keys: 10
            rate:
              - {for: 60s, eventsPerSecond: 100}
            topology:
              window: {tumbling: 10s}
            """;

    @Test
    void parse_noTimeKeys_eventTimeRunsWithTheWallClock() {
        EventsSpec events = parse(BASE).events();

        assertThat(events.startTime()).isNull();
        assertThat(events.timeScale()).isEqualTo(EventsSpec.DEFAULT_TIME_SCALE);
        assertThat(events.eventTimeDetachedFromWallClock()).isFalse();
    }

    @Test
    void parse_startTimeAndTimeScale_areRead() {
        EventsSpec events = parse(BASE.replace("  keys: 10\n",
                "  keys: 10\n  startTime: 2026-01-05T00:00:00Z\n  timeScale: 10080\n")).events();

        assertThat(events.startTime()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(events.timeScale()).isEqualTo(10080);
        assertThat(events.eventTimeDetachedFromWallClock()).isTrue();
    }

    @Test
    void parse_startTimeNotAnInstant_isReportedWithPathAndLine() {
        List<Violation> v = violations(BASE.replace("  keys: 10\n", "  keys: 10\n  startTime: last monday\n"));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(7);
            assertThat(x.path()).isEqualTo("events.startTime");
            assertThat(x.message()).startsWith("'last monday' is not an instant");
        });
    }

    @Test
    void parse_zeroAndHugeTimeScale_areOutOfRange() {
        assertThat(violations(BASE.replace("  keys: 10\n", "  keys: 10\n  timeScale: 0\n")))
                .containsExactly(new Violation(SOURCE, 7, "events.timeScale", "must be > 0, was 0.0"));
        assertThat(violations(BASE.replace("  keys: 10\n", "  keys: 10\n  timeScale: 2000000\n")))
                .containsExactly(new Violation(SOURCE, 7, "events.timeScale", "must be <= 1000000, was 2000000.0"));
    }

    @Test
    void parse_backfillAndReplay_areReadInTimeOrder() {
        Scenario s = parse(BASE + """
                faults:
                  - {at: 20s, backfill: {from: -6h, to: -1h, events: 200000}}
                  - {at: 40s, replay: {from: earliest}}
                """);

        assertThat(s.faults()).containsExactly(
                new Fault.Backfill(Duration.ofSeconds(20), Duration.ofHours(-6), Duration.ofHours(-1), 200_000),
                new Fault.Replay(Duration.ofSeconds(40)));
        assertThat(s.faults().get(0).describe()).isEqualTo("backfill 200000 events from -6h to -1h");
    }

    @Test
    void parse_backfillFromAfterTo_isReportedAtFromWithItsLine() {
        List<Violation> v = violations(BASE + """
                faults:
                  - at: 20s
                    backfill:
                      from: -1h
                      to: -6h
                      events: 10
                """);

        assertThat(v).containsExactly(new Violation(SOURCE, 14, "faults[0].backfill.from",
                "must be before to (-6h), was -1h"));
    }

    @Test
    void parse_backfillIntoTheFutureWithTooManyEvents_reportsBoth() {
        List<Violation> v = violations(BASE + """
                faults:
                  - at: 20s
                    backfill:
                      from: -1h
                      to: 5m
                      events: 20000000
                """);

        assertThat(v).containsExactlyInAnyOrder(
                new Violation(SOURCE, 15, "faults[0].backfill.to",
                        "must be <= 0 (the past of the live event time), was 5m"),
                new Violation(SOURCE, 16, "faults[0].backfill.events", "must be in [1, 10000000], was 20000000"));
    }

    @Test
    void parse_backfillWithoutEvents_isRequired() {
        List<Violation> v = violations(BASE + "faults:\n  - {at: 20s, backfill: {from: -2h, to: -1h}}\n");

        assertThat(v).extracting(Violation::path).containsExactly("faults[0].backfill.events");
        assertThat(v.get(0).line()).isEqualTo(12);
    }

    @Test
    void parse_replayFromOtherThanEarliest_isReportedWithPathAndLine() {
        List<Violation> v = violations(BASE + "faults:\n  - at: 20s\n    replay:\n      from: latest\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 14, "faults[0].replay.from",
                "must be earliest (the start of the input topic), was 'latest'"));
    }

    private static Scenario parse(String yaml) {
        return ScenarioLoader.parse(yaml, SOURCE, null);
    }

    private static List<Violation> violations(String yaml) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, SOURCE, null));
        assertThat(e).as("a ScenarioException for:\n" + yaml).isNotNull();
        return e.violations();
    }
}

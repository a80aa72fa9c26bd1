package io.streamsim.model;

import io.streamsim.model.scenario.EventsSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Maps wall-clock offsets from the start of the load to event time: {@code origin + offset x timeScale}, truncated
 * to milliseconds (the resolution of record timestamps). With scale 1 and origin at the load start, event time is
 * the wall clock, as it always was. Example: origin 2026-01-05T00:00:00Z, scale 10080: the event due 30 s into the
 * load has event time 2026-01-08T12:00:00Z.
 *
 * @param origin    the event time at wall offset 0
 * @param timeScale event-time nanoseconds per wall-clock nanosecond
 */
public record EventClock(Instant origin, double timeScale) {

    public EventClock {
        Objects.requireNonNull(origin, "origin");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be > 0, was " + timeScale);
        }
    }

    /** The scenario's clock for a load that starts at {@code loadStart} on the wall clock. */
    public static EventClock of(EventsSpec events, Instant loadStart) {
        return new EventClock(events.startTime() != null ? events.startTime() : loadStart, events.timeScale());
    }

    /** Event time (epoch millis) at {@code wallOffsetNanos} from the start of the load. */
    public long epochMillisAt(long wallOffsetNanos) {
        long scaled = timeScale == 1 ? wallOffsetNanos : (long) (wallOffsetNanos * timeScale);
        return origin.toEpochMilli() + Math.floorDiv(origin.getNano() % 1_000_000 + scaled, 1_000_000);
    }

    /** The event-time span that {@code wall} of wall-clock time covers. */
    public Duration eventSpan(Duration wall) {
        return timeScale == 1 ? wall : Duration.ofNanos((long) (wall.toNanos() * timeScale));
    }
}

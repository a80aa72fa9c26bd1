package io.streamsim.producers;

import io.streamsim.model.Event;
import io.streamsim.model.EventClock;
import io.streamsim.model.EventCodec;
import java.nio.charset.StandardCharsets;

/**
 * A generated event with its record key and value bytes, ready to send as due at ticker offset
 * {@code realOffsetNanos} from the start.
 *
 * <p>After a rate step the timeline runs on its own clock and the event time moves with the send time (by the
 * same shift, see {@link Pacer#realOffsetNanos}); the bytes hold the event time for {@code realOffsetNanos}, so an
 * event encoded ahead of a step is encoded again by whoever sends it ({@link #at}).
 *
 * @param eventMillis the record timestamp: the event time, shifted as above
 */
record EncodedEvent(GeneratedEvent generated, long realOffsetNanos, long eventMillis, byte[] key, byte[] value,
                    EventClock clock) {

    /** A clock with event time as wall time: the shift is the wall-clock shift. */
    private static final EventClock WALL = new EventClock(java.time.Instant.EPOCH, 1);

    /** Encodes {@code g} as due at ticker offset {@code realOffsetNanos}, event time running with the wall clock. */
    static EncodedEvent of(GeneratedEvent g, long realOffsetNanos) {
        return of(g, realOffsetNanos, WALL);
    }

    /**
     * Encodes {@code g} as due at ticker offset {@code realOffsetNanos}; the event time moves by what {@code clock}
     * makes of the shift (under {@code events.timeScale} a second of wall time is that many seconds of event time).
     */
    static EncodedEvent of(GeneratedEvent g, long realOffsetNanos, EventClock clock) {
        Event event = g.event();
        long shiftMillis = realOffsetNanos == g.dueOffsetNanos() ? 0
                : clock.epochMillisAt(realOffsetNanos) - clock.epochMillisAt(g.dueOffsetNanos());
        if (shiftMillis != 0) {
            event = event.withEventTime(event.eventTime().plusMillis(shiftMillis));
        }
        return new EncodedEvent(g, realOffsetNanos, event.eventTime().toEpochMilli(),
                event.key().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event), clock);
    }

    /** This event as due at {@code realOffsetNanos}: itself when that is what it was encoded for. */
    EncodedEvent at(long realOffsetNanos) {
        return realOffsetNanos == this.realOffsetNanos ? this : of(generated, realOffsetNanos, clock);
    }

    /** The event's id: its index in the stream. */
    long id() {
        return generated.event().id();
    }
}

package io.streamsim.producers;

import io.streamsim.model.Event;
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
record EncodedEvent(GeneratedEvent generated, long realOffsetNanos, long eventMillis, byte[] key, byte[] value) {

    /** Encodes {@code g} as due at ticker offset {@code realOffsetNanos}. */
    static EncodedEvent of(GeneratedEvent g, long realOffsetNanos) {
        Event event = g.event();
        long shiftMillis = (realOffsetNanos - g.dueOffsetNanos()) / 1_000_000;
        if (shiftMillis != 0) {
            event = event.withEventTime(event.eventTime().plusMillis(shiftMillis));
        }
        return new EncodedEvent(g, realOffsetNanos, event.eventTime().toEpochMilli(),
                event.key().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event));
    }

    /** This event as due at {@code realOffsetNanos}: itself when that is what it was encoded for. */
    EncodedEvent at(long realOffsetNanos) {
        return realOffsetNanos == this.realOffsetNanos ? this : of(generated, realOffsetNanos);
    }

    /** The event's id: its index in the stream. */
    long id() {
        return generated.event().id();
    }
}

package io.streamsim.streams;

import io.streamsim.model.Event;
import io.streamsim.model.SequenceMeasure;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What one input record adds to each of its windows: only these fields travel into the window store and its
 * changelog, not the whole event.
 *
 * @param emittedAtMs the record's {@code emitted-at} header in epoch millis, or -1 when it has none
 * @param watermark   true for the end-of-stream marker, which is aggregated but adds nothing
 * @param kind        {@link SequenceMeasure#kindOf} the event: view, purchase or other
 * @param timestampMs the record's timestamp (its event time), where the {@link SequenceMeasure} places it
 */
record Contribution(long value, long idHash, long emittedAtMs, boolean watermark, byte kind, long timestampMs) {

    private static final int BYTES = 4 * Long.BYTES + 2;

    /** The contribution of {@code event}, a record at {@code timestampMs}. */
    static Contribution of(Event event, long timestampMs, long idHash, long emittedAtMs, boolean watermark) {
        return new Contribution(event.aggregatedValue(), idHash, emittedAtMs, watermark,
                watermark ? SequenceMeasure.OTHER : SequenceMeasure.kindOf(event), timestampMs);
    }

    static Serde<Contribution> serde() {
        return Serdes.serdeFrom(
                (topic, c) -> c == null ? null : ByteBuffer.allocate(BYTES)
                        .putLong(c.value).putLong(c.idHash).putLong(c.emittedAtMs).put((byte) (c.watermark ? 1 : 0))
                        .put(c.kind).putLong(c.timestampMs)
                        .array(),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length != BYTES) {
                        throw new SerializationException("contribution: expected " + BYTES + " bytes, got " + bytes.length);
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new Contribution(b.getLong(), b.getLong(), b.getLong(), b.get() != 0, b.get(), b.getLong());
                });
    }
}

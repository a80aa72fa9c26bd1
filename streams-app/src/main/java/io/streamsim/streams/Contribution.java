package io.streamsim.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What one input record adds to each of its windows: only these four fields travel into the window store
 * and its changelog, not the whole event.
 *
 * @param emittedAtMs the record's {@code emitted-at} header in epoch millis, or -1 when it has none
 * @param watermark   true for the end-of-stream marker, which is aggregated but adds nothing
 */
record Contribution(long value, long idHash, long emittedAtMs, boolean watermark) {

    private static final int BYTES = 3 * Long.BYTES + 1;

    static Serde<Contribution> serde() {
        return Serdes.serdeFrom(
                (topic, c) -> c == null ? null : ByteBuffer.allocate(BYTES)
                        .putLong(c.value).putLong(c.idHash).putLong(c.emittedAtMs).put((byte) (c.watermark ? 1 : 0))
                        .array(),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length != BYTES) {
                        throw new SerializationException("contribution: expected " + BYTES + " bytes, got " + bytes.length);
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new Contribution(b.getLong(), b.getLong(), b.getLong(), b.get() != 0);
                });
    }
}

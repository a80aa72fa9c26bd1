package io.streamsim.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The running aggregate of one key in one window.
 *
 * @param idChecksum     wrapping sum of {@link io.streamsim.model.WindowResult#idHash(long)} over the
 *                       window's records: order-independent, so the oracle can check which events were
 *                       counted (a duplicate or a lost event changes it) without storing the ids
 * @param maxEmittedAtMs the latest {@code emitted-at} of the window's records, -1 when none had one
 */
record WindowAgg(long count, long sum, long idChecksum, long maxEmittedAtMs) {

    static final WindowAgg EMPTY = new WindowAgg(0, 0, 0, -1);

    private static final int BYTES = 4 * Long.BYTES;

    WindowAgg add(Contribution c) {
        if (c.watermark()) {
            return this;
        }
        return new WindowAgg(count + 1, sum + c.value(), idChecksum + c.idHash(),
                Math.max(maxEmittedAtMs, c.emittedAtMs()));
    }

    /**
     * The aggregate of two sessions that one record bridged (Kafka's session merger): counts, sums and checksums
     * add, the latest {@code emitted-at} wins. Order-independent, as the store may list the sessions either way.
     */
    WindowAgg merge(WindowAgg other) {
        return new WindowAgg(count + other.count, sum + other.sum, idChecksum + other.idChecksum,
                Math.max(maxEmittedAtMs, other.maxEmittedAtMs));
    }

    static Serde<WindowAgg> serde() {
        return Serdes.serdeFrom(
                (topic, a) -> a == null ? null : ByteBuffer.allocate(BYTES)
                        .putLong(a.count).putLong(a.sum).putLong(a.idChecksum).putLong(a.maxEmittedAtMs)
                        .array(),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length != BYTES) {
                        throw new SerializationException("window aggregate: expected " + BYTES + " bytes, got " + bytes.length);
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new WindowAgg(b.getLong(), b.getLong(), b.getLong(), b.getLong());
                });
    }
}

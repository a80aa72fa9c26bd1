package io.streamsim.streams;

import io.streamsim.model.SequenceMeasure;
import java.nio.ByteBuffer;
import java.util.Objects;
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
 * @param sequence       views and purchases among the window's records; serialized only when not
 *                       {@link SequenceMeasure#NONE}, so an order window stays 32 bytes in the store
 */
record WindowAgg(long count, long sum, long idChecksum, long maxEmittedAtMs, SequenceMeasure sequence) {

    static final WindowAgg EMPTY = new WindowAgg(0, 0, 0, -1, SequenceMeasure.NONE);

    private static final int BYTES = 4 * Long.BYTES;
    private static final int BYTES_WITH_SEQUENCE = BYTES + 5 * Long.BYTES;

    WindowAgg {
        Objects.requireNonNull(sequence, "sequence");
    }

    WindowAgg add(Contribution c) {
        if (c.watermark()) {
            return this;
        }
        return new WindowAgg(count + 1, sum + c.value(), idChecksum + c.idHash(),
                Math.max(maxEmittedAtMs, c.emittedAtMs()), sequence.add(c.kind(), c.timestampMs()));
    }

    /**
     * The aggregate of both windows' records together: Kafka's session merger, for two sessions that one record
     * bridged. Counts, sums and checksums add, the latest {@code emitted-at} wins, the sequence measures merge.
     * Order-independent, as the store may list the sessions either way.
     */
    WindowAgg merge(WindowAgg other) {
        return new WindowAgg(count + other.count, sum + other.sum, idChecksum + other.idChecksum,
                Math.max(maxEmittedAtMs, other.maxEmittedAtMs), sequence.merge(other.sequence));
    }

    static Serde<WindowAgg> serde() {
        return Serdes.serdeFrom(
                (topic, a) -> {
                    if (a == null) {
                        return null;
                    }
                    boolean none = a.sequence.equals(SequenceMeasure.NONE);
                    ByteBuffer b = ByteBuffer.allocate(none ? BYTES : BYTES_WITH_SEQUENCE)
                            .putLong(a.count).putLong(a.sum).putLong(a.idChecksum).putLong(a.maxEmittedAtMs);
                    if (!none) {
                        SequenceMeasure s = a.sequence;
                        b.putLong(s.views()).putLong(s.purchases()).putLong(s.firstViewMs()).putLong(s.secondViewMs())
                                .putLong(s.firstPurchaseMs());
                    }
                    return b.array();
                },
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length != BYTES && bytes.length != BYTES_WITH_SEQUENCE) {
                        throw new SerializationException("window aggregate: expected " + BYTES + " or "
                                + BYTES_WITH_SEQUENCE + " bytes, got " + bytes.length);
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    long count = b.getLong();
                    long sum = b.getLong();
                    long idChecksum = b.getLong();
                    long maxEmittedAtMs = b.getLong();
                    SequenceMeasure sequence = bytes.length == BYTES ? SequenceMeasure.NONE
                            : new SequenceMeasure(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
                    return new WindowAgg(count, sum, idChecksum, maxEmittedAtMs, sequence);
                });
    }
}

package io.streamsim.model;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;

/** Record headers streamsim writes and reads. */
public final class Headers {

    /**
     * Wall-clock epoch milliseconds, 8 bytes big-endian, at which the event was due to be sent by the
     * rate timeline. Latency measured from it includes any time the producer fell behind its schedule
     * (no coordinated omission).
     */
    public static final String EMITTED_AT = "emitted-at";

    /**
     * Present (empty) on the records a backfill fault writes: the oracle counts their fate apart from the live
     * events'. Ids tell them apart too; the header spares decoding every record to look.
     */
    public static final String BACKFILL = "streamsim-backfill";

    private Headers() {
    }

    public static byte[] encodeEpochMillis(long epochMillis) {
        return ByteBuffer.allocate(Long.BYTES).putLong(epochMillis).array();
    }

    /** The header's epoch millis, or -1 when it is absent or not 8 bytes. */
    public static long decodeEpochMillis(Header header) {
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return -1;
        }
        return ByteBuffer.wrap(header.value()).getLong();
    }
}

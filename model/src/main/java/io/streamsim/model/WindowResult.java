package io.streamsim.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One window's result for one key, as the app writes it to the output topic.
 *
 * @param count           records aggregated into the window (a duplicate counts again)
 * @param sum             sum of {@link Event#aggregatedValue()} over those records
 * @param idChecksum      sum of {@link #idHash(long)} over the ids of those records (wrapping): equal
 *                        checksums mean, with overwhelming probability, the same multiset of events, so
 *                        a checker can verify membership and not only totals
 * @param lastEmittedAt   the latest {@link Headers#EMITTED_AT} among those records: end-to-end latency
 *                        of a result is measured from it
 * @param sequence        views and purchases among those records ({@link SequenceMeasure#NONE} for orders): in
 *                        JSON, its fields are absent when it is none, and each time is absent when it is none
 */
public record WindowResult(
        String key,
        Instant windowStart,
        Instant windowEnd,
        long count,
        long sum,
        long idChecksum,
        Instant lastEmittedAt,
        SequenceMeasure sequence) {

    public WindowResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(lastEmittedAt, "lastEmittedAt");
        Objects.requireNonNull(sequence, "sequence");
        if (windowEnd.isBefore(windowStart)) {
            // a session of one record ends where it starts; every other window ends after its start
            throw new IllegalArgumentException("windowEnd " + windowEnd + " must not be before windowStart " + windowStart);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
    }

    /** A result without views or purchases. */
    public WindowResult(String key, Instant windowStart, Instant windowEnd, long count, long sum, long idChecksum,
                        Instant lastEmittedAt) {
        this(key, windowStart, windowEnd, count, sum, idChecksum, lastEmittedAt, SequenceMeasure.NONE);
    }

    /**
     * Whether this result withdraws its window: Kafka merged the session it stood for into another (the app
     * writes Kafka's tombstone as a result of count 0, since every real window holds at least one record).
     */
    public boolean retraction() {
        return count == 0;
    }

    /** A well-mixed 64-bit hash of an event id (SplitMix64's finalizer). */
    public static long idHash(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public byte[] encode() {
        JsonWriter json = new JsonWriter()
                .field("key", key)
                .field("windowStartMs", windowStart.toEpochMilli())
                .field("windowEndMs", windowEnd.toEpochMilli())
                .field("count", count)
                .field("sum", sum)
                .field("idChecksum", idChecksum)
                .field("lastEmittedAtMs", lastEmittedAt.toEpochMilli());
        if (!sequence.equals(SequenceMeasure.NONE)) {
            json.field("views", sequence.views()).field("purchases", sequence.purchases());
            timeField(json, "firstViewMs", sequence.firstViewMs());
            timeField(json, "secondViewMs", sequence.secondViewMs());
            timeField(json, "firstPurchaseMs", sequence.firstPurchaseMs());
        }
        return json.toBytes();
    }

    private static void timeField(JsonWriter json, String name, long timeMs) {
        if (timeMs != SequenceMeasure.NO_TIME) {
            json.field(name, timeMs);
        }
    }

    public static WindowResult decode(byte[] bytes) {
        JsonFields f = JsonFields.parse(bytes, "window result");
        try {
            return new WindowResult(f.string("key"),
                    Instant.ofEpochMilli(f.number("windowStartMs")),
                    Instant.ofEpochMilli(f.number("windowEndMs")),
                    f.number("count"), f.number("sum"), f.number("idChecksum"),
                    Instant.ofEpochMilli(f.number("lastEmittedAtMs")),
                    new SequenceMeasure(f.number("views", 0), f.number("purchases", 0),
                            f.number("firstViewMs", SequenceMeasure.NO_TIME),
                            f.number("secondViewMs", SequenceMeasure.NO_TIME),
                            f.number("firstPurchaseMs", SequenceMeasure.NO_TIME)));
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.common.errors.SerializationException("window result: " + e.getMessage(), e);
        }
    }
}

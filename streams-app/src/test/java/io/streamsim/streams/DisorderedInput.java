package io.streamsim.streams;

import io.streamsim.model.EventCodec;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Random, heavily disordered input for the oracle property tests, in pipe order: order events over four keys,
 * with duplicates (same id, key and timestamp), poison values, null keys, stray watermarks and a closing
 * watermark. The window type shapes it through {@link Edges}: the timestamps it likes to land exactly on.
 */
final class DisorderedInput {

    static final List<String> KEYS = List.of("k0", "k1", "k2", "k3");

    /** Chooses a timestamp on one of the window type's edges, near {@code clock}, for {@code key}. */
    @FunctionalInterface
    interface Edges {
        /**
         * @param lastOfKey the timestamp of the key's previous event, or -1 for none
         */
        long near(SplittableRandom random, long clock, long lastOfKey);
    }

    private DisorderedInput() {
    }

    /**
     * @param scaleMs how far the clock moves per record (up to half of it) and how far records stray back
     *                (up to three times {@code scaleMs + graceMs})
     * @param reachMs how far past the last event the closing watermark must be, grace excluded
     */
    static List<TestRecord<String, byte[]>> generate(SplittableRandom random, long scaleMs, long graceMs,
                                                      long reachMs, Edges edges) {
        long base = random.nextBoolean() ? 0 : 1_700_000_000_123L;
        long clock = base;
        long maxTs = base;
        long nextId = 1;
        int n = 50 + random.nextInt(250);
        Map<String, Long> lastOfKey = new HashMap<>();
        List<TestRecord<String, byte[]>> records = new ArrayList<>();
        List<TestRecord<String, byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock += random.nextLong(scaleMs / 2 + 1);
            double p = random.nextDouble();
            if (p < 0.08 && !sent.isEmpty()) {
                records.add(sent.get(random.nextInt(sent.size())));
                continue;
            }
            if (p < 0.11) {
                records.add(new TestRecord<>(KEYS.get(random.nextInt(KEYS.size())),
                        randomBytes(random), new RecordHeaders(), clock));
                continue;
            }
            if (p < 0.12) {
                long at = clock + random.nextLong(scaleMs + 1);
                records.add(watermark(at));
                maxTs = Math.max(maxTs, at);
                continue;
            }
            String key = random.nextDouble() < 0.02 ? null : KEYS.get(random.nextInt(KEYS.size()));
            long ts = clock;
            double disorder = random.nextDouble();
            if (disorder < 0.35) {
                ts = Math.max(base, clock - random.nextLong(3 * (scaleMs + graceMs) + 1));
            } else if (disorder < 0.45) {
                ts = Math.max(base, edges.near(random, clock, key == null ? -1 : lastOfKey.getOrDefault(key, -1L)));
            }
            long id = nextId++;
            OrderEvent order = new OrderEvent(id, Instant.ofEpochMilli(ts), key == null ? "none" : key, "o-" + id,
                    "c", "s", 1, random.nextLong(1_000), "EUR");
            TestRecord<String, byte[]> record = new TestRecord<>(key, EventCodec.encode(order), new RecordHeaders(), ts);
            records.add(record);
            sent.add(record);
            if (key != null) {
                lastOfKey.put(key, ts);
            }
            maxTs = Math.max(maxTs, ts);
        }
        records.add(watermark(maxTs + reachMs + graceMs + 1));
        return records;
    }

    private static TestRecord<String, byte[]> watermark(long atMs) {
        return new TestRecord<>(Watermark.KEY, EventCodec.encode(new Watermark(Instant.ofEpochMilli(atMs))),
                new RecordHeaders(), atMs);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        if (random.nextBoolean()) {
            return "{\"type\":\"order\",\"id\":1}".getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[1 + random.nextInt(20)];
        random.nextBytes(bytes);
        return bytes;
    }
}

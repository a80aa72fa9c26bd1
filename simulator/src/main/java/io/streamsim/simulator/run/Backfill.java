package io.streamsim.simulator.run;

import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.Headers;
import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.producers.EventGenerator;
import io.streamsim.producers.LoadGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a backfill fault's historical events into the input topic, beside the live traffic, as fast as one
 * producer with the scenario's producer settings can.
 *
 * <p>Event {@code i} of {@code n} has event time {@code from + (to - from) x i / (n - 1)}, from and to taken relative
 * to the live event time when the fault is applied, in that order (a historical load runs oldest first). Its id is
 * {@code IDS + ordinal x MAX_EVENTS + i}: apart from the live ids (indices of the rate timeline) and from other
 * backfills', so the oracle's id checksums tell every record apart. Keys and payloads come from
 * {@link EventGenerator#historicalEvent}, seeded by the scenario seed. Each record carries the wall-clock
 * {@value Headers#EMITTED_AT} of its send (latency from the backfill's own write) and the
 * {@value Headers#BACKFILL} header. The scenario's {@code dirt} does not apply: no duplicates, no poison.
 */
final class Backfill {

    /** Backfill ids start here; the live ids are the timeline's indices, far below. */
    static final long IDS = 1L << 42;

    /**
     * What one backfill wrote.
     *
     * @param firstId       id of its first event; its ids run to {@code firstId + events - 1}
     * @param eventTimeFrom event time of its first (oldest) event
     * @param eventTimeTo   event time of its last event
     */
    record Result(String fault, double atSeconds, long firstId, Instant eventTimeFrom, Instant eventTimeTo,
                  long events, long acked, long failed, double writeSeconds) {
    }

    private Backfill() {
    }

    /**
     * Writes {@code fault}'s events and returns once every one was acknowledged or failed.
     *
     * @param ordinal       0 for the run's first backfill, 1 for the next, ...
     * @param liveEventTime the live event time now: from and to are relative to it
     * @param wallMillis    the wall clock, for the emitted-at headers
     */
    static Result write(Fault.Backfill fault, int ordinal, Scenario scenario, Instant loadStart, Instant liveEventTime,
                        String topic, Map<String, Object> clientConfig, LongSupplier wallMillis, double atSeconds) {
        long begin = System.nanoTime();
        EventGenerator generator = new EventGenerator(scenario, loadStart);
        long firstId = IDS + ordinal * Fault.Backfill.MAX_EVENTS;
        long fromMillis = liveEventTime.plus(fault.from()).toEpochMilli();
        long toMillis = liveEventTime.plus(fault.to()).toEpochMilli();
        long n = fault.events();
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<String, Object> config = LoadGenerator.producerConfig(clientConfig, scenario.producer(),
                "streamsim-backfill-" + ordinal);
        Header backfill = new RecordHeader(Headers.BACKFILL, new byte[0]);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long headersMillis = Long.MIN_VALUE;
            RecordHeaders headers = null;
            for (long i = 0; i < n; i++) {
                long eventMillis = n == 1 ? fromMillis : fromMillis + (toMillis - fromMillis) * i / (n - 1);
                Event event = generator.historicalEvent(firstId + i, eventMillis);
                long now = wallMillis.getAsLong();
                if (now != headersMillis) {
                    headers = new RecordHeaders(new Header[] {
                            new RecordHeader(Headers.EMITTED_AT, Headers.encodeEpochMillis(now)), backfill});
                    headersMillis = now;
                }
                try {
                    producer.send(new ProducerRecord<>(topic, null, eventMillis,
                            event.key().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event), headers),
                            (metadata, exception) -> (exception == null ? acked : failed).increment());
                } catch (RuntimeException e) {
                    failed.increment();
                }
            }
            producer.flush();
        }
        return new Result(fault.describe(), atSeconds, firstId, Instant.ofEpochMilli(fromMillis),
                Instant.ofEpochMilli(toMillis), n, acked.sum(), failed.sum(), (System.nanoTime() - begin) / 1e9);
    }
}

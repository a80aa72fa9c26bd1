package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.EventCodec;
import io.streamsim.model.PoisonRecords;
import io.streamsim.model.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Poison records, clock skew and pauses: the dirt and faults the producers themselves carry out. */
class DirtAndFaultsTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final String RATE = "[{for: 20s, eventsPerSecond: 500}]";

    @Test
    void event_clockSkewFault_shiftsOnlyItsShardsEventsDueInItsSpan() {
        Scenario plain = Scenarios.clicks(7, RATE, "producer: {threads: 2}\n");
        Scenario skewed = Scenarios.clicks(7, RATE, "producer: {threads: 2}\n"
                + "faults: [{at: 5s, clockSkew: {shard: 1, offset: -30s, lasting: 4s}}]\n");
        EventGenerator a = new EventGenerator(plain, ORIGIN);
        EventGenerator b = new EventGenerator(skewed, ORIGIN);

        int shifted = 0;
        for (long i = 0; i < a.totalEvents(); i++) {
            GeneratedEvent x = a.event(i);
            GeneratedEvent y = b.event(i);
            long due = x.dueOffsetNanos();
            boolean inSpan = i % 2 == 1 && due >= 5_000_000_000L && due < 9_000_000_000L;
            long expectedShift = inSpan ? -30_000 : 0;
            assertThat(y.event().eventTime().toEpochMilli() - x.event().eventTime().toEpochMilli())
                    .as("event %d", i).isEqualTo(expectedShift);
            assertThat(y.event().key()).isEqualTo(x.event().key());
            shifted += inSpan ? 1 : 0;
        }
        assertThat(shifted).isEqualTo(1000);
    }

    @Test
    void event_poisonFraction_marksThatShareAndLeavesEveryEventAsItWas() {
        EventGenerator clean = new EventGenerator(Scenarios.clicks(9, RATE, ""), ORIGIN);
        EventGenerator dirty = new EventGenerator(Scenarios.clicks(9, RATE, "dirt: {poisonFraction: 0.05}\n"), ORIGIN);

        int poison = 0;
        for (long i = 0; i < clean.totalEvents(); i++) {
            assertThat(dirty.event(i).event()).isEqualTo(clean.event(i).event());
            assertThat(clean.event(i).poisonFollows()).isFalse();
            poison += dirty.event(i).poisonFollows() ? 1 : 0;
        }
        assertThat(poison).isBetween(400, 600);
    }

    @Test
    void send_poisonFraction_sendsUndecodableRecordsCountedApartFromTheStream() throws InterruptedException {
        Scenario s = Scenarios.clicks(9, RATE, "dirt: {poisonFraction: 0.05}\n");
        List<ProducerRecord<byte[], byte[]>> sent = Collections.synchronizedList(new ArrayList<>());
        try (LoadGenerator g = new LoadGenerator(s, "in", Map.of(), ORIGIN, new FakeTicker(), new SimpleMeterRegistry(),
                config -> {
                    MockProducer<byte[], byte[]> p = new MockProducer<>(true, null, new ByteArraySerializer(),
                            new ByteArraySerializer()) {
                        @Override
                        public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                                ProducerRecord<byte[], byte[]> record, org.apache.kafka.clients.producer.Callback cb) {
                            sent.add(record);
                            return super.send(record, cb);
                        }
                    };
                    return p;
                })) {
            g.start();
            assertThat(g.awaitDone(Duration.ofSeconds(30))).isTrue();
            ProducerStats stats = g.stats();

            List<ProducerRecord<byte[], byte[]>> poison = sent.stream()
                    .filter(r -> new String(r.key(), StandardCharsets.UTF_8).startsWith("poison-")).toList();
            assertThat(poison).hasSize((int) stats.poisonSent()).isNotEmpty();
            assertThat(stats.recordsSent()).isEqualTo(sent.size() - poison.size());
            assertThat(stats.recordsAcked()).isEqualTo(stats.recordsSent());
            ProducerRecord<byte[], byte[]> first = poison.get(0);
            long number = Long.parseLong(new String(first.key(), StandardCharsets.UTF_8).substring("poison-".length()));
            assertThat(first.value()).isEqualTo(PoisonRecords.value(number));
            int at = sent.indexOf(first);
            assertThat(EventCodec.decode(sent.get(at - 1).value()).id()).as("poison follows its event").isEqualTo(number);
        }
    }

    @Test
    void pause_holdsTheProducersBackAndSendsWhatFellDueAfterwards() throws InterruptedException {
        Scenario s = Scenarios.clicks(9, "[{for: 10s, eventsPerSecond: 100}]", "");
        FakeTicker ticker = new FakeTicker();
        List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
        try (LoadGenerator g = new LoadGenerator(s, "in", Map.of(), ORIGIN, ticker, new SimpleMeterRegistry(),
                config -> new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                            ProducerRecord<byte[], byte[]> record, org.apache.kafka.clients.producer.Callback cb) {
                        sentAt.add(ticker.nanoTime());
                        return super.send(record, cb);
                    }
                })) {
            long start = ticker.nanoTime();
            g.pause(Duration.ofSeconds(3));
            g.start();
            assertThat(g.awaitDone(Duration.ofSeconds(30))).isTrue();

            assertThat(sentAt).hasSize(1000);
            assertThat(sentAt.get(0) - start).as("nothing before the pause ends").isGreaterThanOrEqualTo(3_000_000_000L);
            assertThat(sentAt.stream().filter(t -> t - start == 3_000_000_000L).count())
                    .as("the 301 events due up to the end of the pause (0s..3s) go out at its end").isEqualTo(301);
        }
    }
}

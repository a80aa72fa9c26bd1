package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.Headers;
import io.streamsim.model.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static final Instant ORIGIN = Instant.parse("2024-03-01T12:00:00Z");
    private static final String TOPIC = "events";
    private static final Map<String, Object> CLIENT = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
    private static final Duration DONE_TIMEOUT = Duration.ofSeconds(30);

    /** Hands out MockProducers (auto-completing) and keeps them and the configs they were made with. */
    private static final class MockProducers {
        final List<MockProducer<byte[], byte[]>> producers = Collections.synchronizedList(new ArrayList<>());
        final List<Map<String, Object>> configs = Collections.synchronizedList(new ArrayList<>());

        Producer<byte[], byte[]> create(Map<String, Object> config) {
            MockProducer<byte[], byte[]> p = new MockProducer<>(true, null, new ByteArraySerializer(),
                    new ByteArraySerializer());
            producers.add(p);
            configs.add(config);
            return p;
        }

        List<ProducerRecord<byte[], byte[]>> all() {
            List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>();
            for (MockProducer<byte[], byte[]> p : producers) {
                all.addAll(p.history());
            }
            return all;
        }
    }

    private static Scenario scenario(int threads, String acks, String extra) {
        return Scenarios.clicks(42, "[{for: 2s, eventsPerSecond: 1000}, {for: 2s, ramp: {to: 3000}}]",
                "producer: {threads: " + threads + ", acks: " + acks + ", linger: 7ms, batchSizeBytes: 32768, "
                        + "compression: zstd}\n" + extra);
    }

    private static LoadGenerator generator(Scenario s, MockProducers mocks, Ticker ticker, MeterRegistry registry) {
        return new LoadGenerator(s, TOPIC, CLIENT, ORIGIN, ticker, registry, mocks::create);
    }

    private static String describe(ProducerRecord<byte[], byte[]> r) {
        return r.topic() + "|" + r.partition() + "|" + r.timestamp() + "|" + new String(r.key(), StandardCharsets.UTF_8)
                + "|" + new String(r.value(), StandardCharsets.UTF_8) + "|"
                + Headers.decodeEpochMillis(r.headers().lastHeader(Headers.EMITTED_AT));
    }

    private static List<String> runAndDescribe(Scenario s) throws InterruptedException {
        MockProducers mocks = new MockProducers();
        try (LoadGenerator g = generator(s, mocks, new FakeTicker(), new SimpleMeterRegistry())) {
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
        }
        List<String> described = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : mocks.all()) {
            described.add(describe(r));
        }
        Collections.sort(described);
        return described;
    }

    @Test
    void send_oneOrThreeThreads_sendsTheSameMultisetOfRecords() throws InterruptedException {
        String dirt = "dirt: {duplicateFraction: 0.01}\n"
                + "disorder: {lateFraction: 0.1, delay: {uniform: {min: 100ms, max: 2s}}}\n";
        List<String> one = runAndDescribe(scenario(1, "all", dirt));
        List<String> three = runAndDescribe(scenario(3, "all", dirt));
        assertThat(one).hasSizeGreaterThan(6_000);
        assertThat(three).isEqualTo(one);
    }

    @Test
    void send_eachThread_sendsItsResidueClassInIndexOrder() throws InterruptedException {
        MockProducers mocks = new MockProducers();
        try (LoadGenerator g = generator(scenario(3, "all", ""), mocks, new FakeTicker(), new SimpleMeterRegistry())) {
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
        }
        assertThat(mocks.producers).hasSize(3);
        for (int k = 0; k < 3; k++) {
            long expected = k;
            for (ProducerRecord<byte[], byte[]> r : mocks.producers.get(k).history()) {
                assertThat(EventCodec.decode(r.value()).id()).isEqualTo(expected);
                expected += 3;
            }
        }
    }

    @Test
    void send_records_carryEventTimeKeyAndDueTimeHeader() throws InterruptedException {
        Scenario s = scenario(2, "all", "disorder: {lateFraction: 0.2, delay: {fixed: 3s}}\n");
        EventGenerator expected = new EventGenerator(s, ORIGIN);
        MockProducers mocks = new MockProducers();
        try (LoadGenerator g = generator(s, mocks, new FakeTicker(), new SimpleMeterRegistry())) {
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
        }
        List<ProducerRecord<byte[], byte[]>> records = mocks.all();
        assertThat(records).hasSize((int) expected.totalEvents());
        for (ProducerRecord<byte[], byte[]> r : records) {
            Event event = EventCodec.decode(r.value());
            GeneratedEvent g = expected.event(event.id());
            assertThat(event).isEqualTo(g.event());
            assertThat(r.topic()).isEqualTo(TOPIC);
            assertThat(r.partition()).isNull();
            assertThat(r.timestamp()).isEqualTo(event.eventTime().toEpochMilli());
            assertThat(r.key()).isEqualTo(event.key().getBytes(StandardCharsets.UTF_8));
            assertThat(r.headers().headers(Headers.EMITTED_AT)).hasSize(1);
            assertThat(Headers.decodeEpochMillis(r.headers().lastHeader(Headers.EMITTED_AT)))
                    .isEqualTo(ORIGIN.toEpochMilli() + g.dueOffsetNanos() / 1_000_000);
        }
    }

    @Test
    void stepRate_midRun_eventTimesMoveWithSendTimes_evenForEventsEncodedBeforeTheStep() throws InterruptedException {
        // 4,000 events over 4 s of timeline; at the 500th send the rate goes 10x. The prefetcher has encoded up to
        // a few thousand events ahead by then, for the old due times: they must be sent with the new ones.
        Scenario s = Scenarios.clicks(7, "[{for: 4s, eventsPerSecond: 1000}]", "");
        EventGenerator expected = new EventGenerator(s, ORIGIN);
        AtomicLong sends = new AtomicLong();
        LoadGenerator[] self = new LoadGenerator[1];
        List<ProducerRecord<byte[], byte[]>> records = Collections.synchronizedList(new ArrayList<>());
        try (LoadGenerator g = new LoadGenerator(s, TOPIC, CLIENT, ORIGIN, new FakeTicker(), new SimpleMeterRegistry(),
                config -> new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback cb) {
                        records.add(r);
                        if (sends.incrementAndGet() == 500) {
                            self[0].stepRate(10);
                        }
                        return super.send(r, cb);
                    }
                })) {
            self[0] = g;
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
        }
        assertThat(records).hasSize(4_000);
        long shifted = 0;
        for (ProducerRecord<byte[], byte[]> r : records) {
            Event event = EventCodec.decode(r.value());
            long emittedAt = Headers.decodeEpochMillis(r.headers().lastHeader(Headers.EMITTED_AT));
            assertThat(r.timestamp()).isEqualTo(event.eventTime().toEpochMilli());
            // No disorder in this scenario: every event time is its send time, to the millisecond.
            assertThat(emittedAt - r.timestamp()).as("event %d", event.id()).isBetween(-1L, 1L);
            if (r.timestamp() < expected.event(event.id()).event().eventTime().toEpochMilli()) {
                shifted++;
            }
        }
        // After 0.5 s at 1x, the other 3.5 s of timeline play in 0.35 s.
        long lastEmitted = Headers.decodeEpochMillis(records.get(records.size() - 1).headers().lastHeader(Headers.EMITTED_AT));
        assertThat(lastEmitted - ORIGIN.toEpochMilli()).isBetween(840L, 860L);
        assertThat(shifted).isGreaterThan(3_400);
    }

    @Test
    void send_duplicatedEvent_isSentTwiceInARowIdentically() throws InterruptedException {
        Scenario s = scenario(1, "all", "dirt: {duplicateFraction: 0.05}\n");
        EventGenerator expected = new EventGenerator(s, ORIGIN);
        MockProducers mocks = new MockProducers();
        ProducerStats stats;
        try (LoadGenerator g = generator(s, mocks, new FakeTicker(), new SimpleMeterRegistry())) {
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
            stats = g.stats();
        }
        List<ProducerRecord<byte[], byte[]>> history = mocks.producers.get(0).history();
        long duplicates = 0;
        int i = 0;
        while (i < history.size()) {
            ProducerRecord<byte[], byte[]> r = history.get(i);
            long id = EventCodec.decode(r.value()).id();
            if (expected.event(id).duplicated()) {
                assertThat(describe(history.get(i + 1))).isEqualTo(describe(r));
                duplicates++;
                i += 2;
            } else {
                i++;
            }
        }
        assertThat(duplicates).isEqualTo(stats.duplicatesSent()).isPositive();
        assertThat(duplicates / (double) expected.totalEvents()).isCloseTo(0.05, within(0.01));
        assertThat(stats.eventsSent()).isEqualTo(expected.totalEvents());
        assertThat(stats.recordsSent()).isEqualTo(history.size()).isEqualTo(stats.eventsSent() + duplicates);
    }

    @Test
    void producerConfig_scenarioSettingsMergedOverClientConfig() throws InterruptedException {
        MockProducers mocks = new MockProducers();
        Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
                "security.protocol", "SASL_SSL", ProducerConfig.ACKS_CONFIG, "0");
        try (LoadGenerator g = new LoadGenerator(scenario(2, "all", ""), TOPIC, client, ORIGIN, new FakeTicker(),
                new SimpleMeterRegistry(), mocks::create)) {
            assertThat(g.isDone()).isFalse();
            assertThat(mocks.configs).hasSize(2);
            Map<String, Object> config = mocks.configs.get(1);
            assertThat(config)
                    .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                    .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "7")
                    .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "32768")
                    .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                    .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                    .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "streamsim-producer-test-1");
            assertThat(mocks.configs.get(0)).containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "streamsim-producer-test-0");
        }
        MockProducers acksOne = new MockProducers();
        try (LoadGenerator g = generator(scenario(1, "1", ""), acksOne, new FakeTicker(), new SimpleMeterRegistry())) {
            assertThat(g.isDone()).isFalse();
            assertThat(acksOne.configs.get(0))
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "1")
                    .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        }
    }

    @Test
    void stats_afterRun_agreeWithMetersAndTimeline() throws InterruptedException {
        Scenario s = scenario(2, "all", "dirt: {duplicateFraction: 0.02}\n");
        MockProducers mocks = new MockProducers();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FakeTicker ticker = new FakeTicker();
        try (LoadGenerator g = generator(s, mocks, ticker, registry)) {
            assertThat(g.isDone()).isFalse();
            assertThat(g.stats().eventsDue()).isZero();
            assertThat(g.stats().maxEventTime()).isNull();
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
            assertThat(g.isDone()).isTrue();
            ProducerStats stats = g.stats();
            long total = s.timeline().totalEvents();
            assertThat(stats.eventsDue()).isEqualTo(total);
            assertThat(stats.eventsSent()).isEqualTo(total);
            assertThat(stats.recordsSent()).isEqualTo(total + stats.duplicatesSent());
            assertThat(stats.recordsAcked()).isEqualTo(stats.recordsSent());
            assertThat(stats.recordsFailed()).isZero();
            assertThat(stats.lastError()).isNull();
            assertThat(stats.scheduleLag()).isEqualTo(Duration.ZERO);
            assertThat(stats.maxEventTime()).isEqualTo(
                    new EventGenerator(s, ORIGIN).event(total - 1).event().eventTime());
            assertThat(registry.get("streamsim.producer.events.sent").tag("scenario", "test").functionCounter().count())
                    .isEqualTo(total);
            assertThat(registry.get("streamsim.producer.records.sent").functionCounter().count())
                    .isEqualTo(stats.recordsSent());
            assertThat(registry.get("streamsim.producer.records.acked").functionCounter().count())
                    .isEqualTo(stats.recordsAcked());
            assertThat(registry.get("streamsim.producer.records.failed").functionCounter().count()).isZero();
            assertThat(registry.get("streamsim.producer.duplicates.sent").functionCounter().count())
                    .isEqualTo(stats.duplicatesSent());
            assertThat(registry.get("streamsim.producer.schedule.lag").gauge().value()).isZero();
        }
        assertThat(registry.find("streamsim.producer.events.sent").meters()).isEmpty();
    }

    @Test
    void stats_behindSchedule_reportsLagFromDueTime() throws InterruptedException {
        // A ticker that jumps 1ms per reading: a 2000/s timeline falls behind at once, by more and more.
        Ticker slow = new Ticker() {
            private final AtomicLong now = new AtomicLong();

            @Override
            public long nanoTime() {
                return now.addAndGet(1_000_000);
            }

            @Override
            public void parkUntil(long deadlineNanos) {
                now.accumulateAndGet(deadlineNanos, Math::max);
            }
        };
        Scenario s = Scenarios.clicks(1, "[{for: 1s, eventsPerSecond: 2000}]", "");
        List<Duration> lags = Collections.synchronizedList(new ArrayList<>());
        MockProducers mocks = new MockProducers();
        LoadGenerator[] self = new LoadGenerator[1];
        try (LoadGenerator g = new LoadGenerator(s, TOPIC, CLIENT, ORIGIN, slow, new SimpleMeterRegistry(), config -> {
            MockProducer<byte[], byte[]> p = new MockProducer<>(true, null, new ByteArraySerializer(),
                    new ByteArraySerializer()) {
                @Override
                public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback cb) {
                    lags.add(self[0].stats().scheduleLag());
                    return super.send(r, cb);
                }
            };
            return p;
        })) {
            self[0] = g;
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
            assertThat(g.stats().scheduleLag()).isEqualTo(Duration.ZERO);
        }
        assertThat(lags.get(lags.size() - 1)).isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void send_failures_areCountedAndLastErrorKept() throws InterruptedException {
        Scenario s = scenario(2, "all", "");
        try (LoadGenerator g = new LoadGenerator(s, TOPIC, CLIENT, ORIGIN, new FakeTicker(), new SimpleMeterRegistry(),
                config -> new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    private long sends;

                    @Override
                    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback cb) {
                        Future<RecordMetadata> f = super.send(r, cb);
                        if (sends++ % 10 == 0) {
                            errorNext(new TimeoutException("broker gone"));
                        } else {
                            completeNext();
                        }
                        return f;
                    }
                })) {
            g.start();
            assertThat(g.awaitDone(DONE_TIMEOUT)).isTrue();
            ProducerStats stats = g.stats();
            assertThat(stats.recordsFailed()).isPositive();
            assertThat(stats.recordsAcked() + stats.recordsFailed()).isEqualTo(stats.recordsSent());
            assertThat(stats.eventsSent()).isEqualTo(s.timeline().totalEvents());
            assertThat(stats.lastError()).isEqualTo("TimeoutException: broker gone");
        }
    }

    @Test
    void stop_midRun_endsEarlyWithConsistentCounts() throws InterruptedException {
        // Real time: 50 events/s for 60s, stopped after a handful.
        Scenario s = Scenarios.clicks(1, "[{for: 60s, eventsPerSecond: 50}]",
                "producer: {threads: 2}\ndirt: {duplicateFraction: 0.2}\n");
        MockProducers mocks = new MockProducers();
        try (LoadGenerator g = generator(s, mocks, Ticker.system(), new SimpleMeterRegistry())) {
            g.start();
            long deadline = System.nanoTime() + DONE_TIMEOUT.toNanos();
            while (g.stats().eventsSent() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            g.stop();
            assertThat(g.awaitDone(Duration.ofSeconds(5))).isTrue();
            ProducerStats stats = g.stats();
            assertThat(stats.eventsSent()).isBetween(5L, 100L);
            assertThat(stats.recordsSent()).isEqualTo(stats.recordsAcked() + stats.recordsFailed());
            assertThat(stats.recordsSent()).isEqualTo(stats.eventsSent() + stats.duplicatesSent());
            assertThat(stats.recordsFailed()).isZero();
            assertThat(mocks.all()).hasSize((int) stats.recordsSent());
            assertThat(mocks.producers).allSatisfy(p -> assertThat(p.flushed()).isTrue());
            Thread.sleep(100);
            assertThat(g.stats().eventsSent()).isEqualTo(stats.eventsSent());
        }
    }

    @Test
    void awaitDone_neverStarted_isFalse() throws InterruptedException {
        try (LoadGenerator g = generator(scenario(1, "all", ""), new MockProducers(), new FakeTicker(),
                new SimpleMeterRegistry())) {
            assertThat(g.awaitDone(Duration.ofMillis(10))).isFalse();
            assertThat(g.isDone()).isFalse();
        }
    }

    @Test
    void close_closesEveryProducer() throws InterruptedException {
        MockProducers mocks = new MockProducers();
        LoadGenerator g = generator(scenario(3, "all", ""), mocks, new FakeTicker(), new SimpleMeterRegistry());
        g.start();
        g.close();
        assertThat(mocks.producers).hasSize(3).allSatisfy(p -> assertThat(p.closed()).isTrue());
        assertThat(g.isDone()).isTrue();
    }

    @Test
    void convenienceConstructor_configIsAcceptedByKafkaProducerAndItsMetricsAreBound() {
        // No broker needed: a KafkaProducer validates its config on construction and connects only on send.
        for (String acks : new String[] {"all", "1", "0"}) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (LoadGenerator g = new LoadGenerator(scenario(2, acks, ""), TOPIC,
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), ORIGIN, Ticker.system(), registry)) {
                assertThat(g.isDone()).isFalse();
                assertThat(registry.find("kafka.producer.record.send.total").tag("scenario", "test").meters())
                        .hasSize(2);
            }
            assertThat(registry.find("kafka.producer.record.send.total").meters()).isEmpty();
        }
    }
}

package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsim.model.ReferenceCodec;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.producers.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ReferenceWriterTest {

    private static final Scenario SCENARIO = ScenarioLoader.parse("""
            name: t
            seed: 5
            events: {type: clickstream, keys: 20}
            rate: [{for: 10s, eventsPerSecond: 100}]
            topology: {window: {tumbling: 10s}}
            reference: {updatesPerSecond: 4}
            """, "test", null);

    /** Jumps to every deadline it is asked to wait for, and counts them. */
    private static final class JumpingTicker implements Ticker {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final List<Long> deadlines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void parkUntil(long deadlineNanos) throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            deadlines.add(deadlineNanos);
            now.accumulateAndGet(deadlineNanos, Math::max);
            Thread.sleep(1);
        }
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void writeTable_everyRow_isKeyedByItsKeyAndStampedWithItsValidFrom() throws Exception {
        MockProducer<byte[], byte[]> producer = producer();
        try (ReferenceWriter writer = new ReferenceWriter(SCENARIO, "ref", producer, new JumpingTicker())) {
            writer.writeTable();

            assertThat(producer.history()).hasSize(20);
            for (ProducerRecord<byte[], byte[]> r : producer.history()) {
                ReferenceRow row = ReferenceCodec.decode(r.value());
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(row.key());
                assertThat(r.timestamp()).isEqualTo(row.validFrom().toEpochMilli());
                assertThat(r.topic()).isEqualTo("ref");
                assertThat(row.version()).isZero();
            }
            assertThat(writer.figures().rowsWritten()).isEqualTo(20);
        }
    }

    @Test
    void startUpdates_fourPerSecond_areDueAQuarterSecondApartAndStampedWithTheLiveEventTime() throws Exception {
        MockProducer<byte[], byte[]> producer = producer();
        JumpingTicker ticker = new JumpingTicker();
        long start = ticker.nanoTime();
        Instant origin = Instant.parse("2026-01-05T12:00:00Z");
        try (ReferenceWriter writer = new ReferenceWriter(SCENARIO, "ref", producer, ticker)) {
            writer.startUpdates(() -> origin.plusNanos(ticker.nanoTime() - start));
            await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() >= 8);
            writer.stopUpdates();

            long sent = producer.history().size();
            assertThat(writer.figures().updatesWritten()).isEqualTo(sent);
            assertThat(ticker.deadlines.subList(0, 4)).containsExactly(start + 250_000_000L, start + 500_000_000L,
                    start + 750_000_000L, start + 1_000_000_000L);
            ReferenceRow first = ReferenceCodec.decode(producer.history().get(0).value());
            assertThat(first.version()).isEqualTo(1);
            assertThat(first.validFrom()).isEqualTo(origin.plusMillis(250));
            assertThat(producer.history().get(0).timestamp()).isEqualTo(origin.plusMillis(250).toEpochMilli());
            Thread.sleep(50);
            assertThat(producer.history()).as("no update after the stop").hasSize((int) sent);
        }
    }
}

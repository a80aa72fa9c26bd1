package io.streamsim.simulator.run;

import io.streamsim.model.ReferenceCodec;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.producers.ReferenceTable;
import io.streamsim.producers.ReferenceUpdates;
import io.streamsim.producers.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's reference table to its compacted topic: the whole table ({@link #writeTable()}, flushed and
 * acknowledged before the load starts), then, when the scenario asks for updates, one update every
 * {@code 1 / updatesPerSecond} of wall-clock time on a thread of its own ({@link #startUpdates}) until
 * {@link #stopUpdates()}. Record key: the row key (so compaction keeps each row's latest version); timestamp: the
 * row's {@code validFrom} (the event time the version takes effect); value: {@link ReferenceCodec}.
 *
 * <p>Update {@code n} is due at {@code start + n / rate} (the first one a full interval after the start); behind
 * schedule the writer catches up without skipping, as the event producers do. An update's event time is the live
 * stream's event time at the moment it is made ({@code eventTimeNow}), so it falls among the events sent then.
 */
final class ReferenceWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceWriter.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final ReferenceTable table;
    private final ReferenceUpdates updates;
    private final double updatesPerSecond;
    private final Producer<byte[], byte[]> producer;
    private final Ticker ticker;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong updatesAcked = new AtomicLong();
    private final AtomicLong updatesFailed = new AtomicLong();
    private volatile String lastError;
    private volatile boolean stopping;
    private volatile Thread thread;

    ReferenceWriter(Scenario scenario, String topic, Producer<byte[], byte[]> producer, Ticker ticker) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.table = new ReferenceTable(scenario);
        this.updates = new ReferenceUpdates(table, scenario.seed());
        this.updatesPerSecond = scenario.reference().updatesPerSecond();
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** A writer with its own idempotent, acks=all producer on {@code clientConfig}. */
    static ReferenceWriter create(Scenario scenario, String topic, Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "streamsim-reference");
        return new ReferenceWriter(scenario, topic,
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()), Ticker.system());
    }

    /**
     * Writes every row of the table and returns once all are acknowledged.
     *
     * @throws ExecutionException when a row could not be written
     */
    void writeTable() throws ExecutionException, InterruptedException {
        java.util.concurrent.Future<?> last = null;
        for (int i = 0; i < table.size(); i++) {
            last = producer.send(record(table.row(i)), (m, e) -> {
                if (e == null) {
                    rowsWritten.incrementAndGet();
                } else {
                    lastError = e.toString();
                }
            });
        }
        producer.flush();
        if (last != null) {
            last.get();
        }
        if (rowsWritten.get() != table.size()) {
            throw new IllegalStateException("reference table: " + rowsWritten.get() + " of " + table.size()
                    + " rows written; last error " + lastError);
        }
    }

    /** Starts the updates, from now, when the scenario asks for any. */
    void startUpdates(Supplier<Instant> eventTimeNow) {
        if (updatesPerSecond <= 0) {
            return;
        }
        long start = ticker.nanoTime();
        Thread t = new Thread(() -> runUpdates(start, eventTimeNow), "streamsim-reference-updates");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void runUpdates(long startNanos, Supplier<Instant> eventTimeNow) {
        double intervalNanos = TimeUnit.SECONDS.toNanos(1) / updatesPerSecond;
        try {
            for (long n = 1; !stopping; n++) {
                ticker.parkUntil(startNanos + (long) (n * intervalNanos));
                if (stopping) {
                    break;
                }
                producer.send(record(updates.next(eventTimeNow.get())), (m, e) -> {
                    if (e == null) {
                        updatesAcked.incrementAndGet();
                    } else {
                        updatesFailed.incrementAndGet();
                        lastError = e.toString();
                    }
                });
            }
        } catch (InterruptedException e) {
            // stopUpdates(): the update in hand, if any, was sent.
        } catch (RuntimeException e) {
            LOG.warn("Reference updates ended: {}", e.toString());
            lastError = e.toString();
        }
    }

    /** Stops the updates (the one in hand is finished) and waits until every update sent is acknowledged or failed. */
    void stopUpdates() throws InterruptedException {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(STOP_TIMEOUT.toMillis());
        }
        producer.flush();
    }

    private ProducerRecord<byte[], byte[]> record(ReferenceRow row) {
        return new ProducerRecord<>(topic, null, row.validFrom().toEpochMilli(),
                row.key().getBytes(StandardCharsets.UTF_8), ReferenceCodec.encode(row));
    }

    /** What was written so far. */
    ReferenceFigures figures() {
        return new ReferenceFigures(topic, table.schema().tableName(), table.size(), rowsWritten.get(),
                updatesPerSecond, updatesAcked.get(), updatesFailed.get(), lastError, null);
    }

    @Override
    public void close() {
        try {
            stopUpdates();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

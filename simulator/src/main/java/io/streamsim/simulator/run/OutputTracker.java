package io.streamsim.simulator.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamsim.model.WindowResult;
import java.time.Clock;
import java.time.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the output topic as a downstream consumer would (read_committed), keeps the latest result of every
 * (key, window), and measures end-to-end latency: from the time the newest contributing event was due to
 * be sent ({@code lastEmittedAt}) to the moment its result is readable here.
 */
final class OutputTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputTracker.class);
    private static final long MAX_LATENCY_MS = TimeUnit.HOURS.toMillis(2);

    record WindowId(String key, long startMs) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Clock clock;
    private final Timer latencyTimer;
    private final Recorder interval = new Recorder(MAX_LATENCY_MS, 3);
    private final Histogram total = new Histogram(MAX_LATENCY_MS, 3);
    private final Map<WindowId, WindowResult> latest = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    OutputTracker(Map<String, Object> clientConfig, String topic, int partitions, MeterRegistry registry,
                  String scenario, Clock clock) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamsim-output-tracker");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.clock = clock;
        this.latencyTimer = Timer.builder("streamsim.pipeline.end.to.end.latency")
                .description("From when the newest event of a window result was due to be sent to when the result "
                        + "is readable by a read_committed consumer")
                .tag("scenario", scenario)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        consumer.assign(assignment);
        consumer.seekToBeginning(assignment);
        this.thread = new Thread(this::loop, "streamsim-output-tracker");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    accept(r);
                }
                for (TopicPartition tp : consumer.assignment()) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Output tracker stopped: {}", e.toString(), e);
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        long now = clock.millis();
        records.incrementAndGet();
        WindowResult result;
        try {
            result = WindowResult.decode(r.value());
        } catch (SerializationException e) {
            undecodable.incrementAndGet();
            return;
        }
        WindowId id = new WindowId(result.key(), result.windowStart().toEpochMilli());
        if (result.retraction()) {
            latest.remove(id); // a session merged into another: the window is gone, and no event's latency ends here
            return;
        }
        latest.put(id, result);
        long latencyMs = Math.max(0, Math.min(MAX_LATENCY_MS, now - result.lastEmittedAt().toEpochMilli()));
        interval.recordValue(latencyMs);
        latencyTimer.record(latencyMs, TimeUnit.MILLISECONDS);
    }

    /** Output records read so far (every update under eager emit). */
    long recordsRead() {
        return records.get();
    }

    long undecodable() {
        return undecodable.get();
    }

    /** The latest result of each window seen so far. */
    Map<WindowId, WindowResult> latestResults() {
        return Map.copyOf(latest);
    }

    /** Latency of results read since the previous call; folded into {@link #totalLatency()}. */
    synchronized Histogram takeIntervalLatency() {
        Histogram h = interval.getIntervalHistogram();
        total.add(h);
        return h;
    }

    /** Latency of every result taken through {@link #takeIntervalLatency()} so far. */
    synchronized Histogram totalLatency() {
        return total.copy();
    }

    /** True once this consumer has read up to {@code endOffsets} (last stable offsets) on every partition. */
    boolean hasReached(Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            if (positions.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    String topic() {
        return topic;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(2));
        }
    }

}

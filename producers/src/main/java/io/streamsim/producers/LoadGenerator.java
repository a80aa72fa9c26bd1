package io.streamsim.producers;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamsim.model.EventCodec;
import io.streamsim.model.Headers;
import io.streamsim.model.PoisonRecords;
import io.streamsim.model.scenario.ProducerSpec;
import io.streamsim.model.scenario.Scenario;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a scenario's event stream to one topic, paced by its rate timeline.
 *
 * <p>{@code scenario.producer().threads()} threads each own a producer; thread {@code k} sends the event indices
 * {@code i % threads == k} in index order, each once {@link Pacer} says it is due. A record's timestamp is the
 * event time, its key the event key (the default partitioner hashes it), its value {@link EventCodec#encode},
 * and its {@value Headers#EMITTED_AT} header the wall-clock time it was due ({@code origin + dueOffset}), so
 * latency measured downstream includes any time the producers fell behind. A duplicated event is sent twice in
 * a row, identically.
 *
 * <p>Each sending thread has an {@link EventPrefetcher} that generates and encodes its slice on a second thread,
 * a bounded distance ahead, so the sender only paces and sends. The send path is the hot path (hundreds of
 * thousands of records a second on one thread): per record it allocates only the record (key and value bytes
 * come encoded), reuses the header while the emitted-at
 * millisecond stays the same, reads the clock only while the thread might be ahead of schedule, and keeps its
 * counts in single-writer fields published with release stores rather than atomic read-modify-writes.
 *
 * <p>Send failures are counted and the last one kept ({@link #stats()}); they never end a thread, so a broker
 * fault is a number in the report rather than a dead producer.
 *
 * <p>Meters, tagged {@code scenario}: counters {@code streamsim.producer.events.sent}, {@code .records.sent},
 * {@code .records.acked}, {@code .records.failed}, {@code .duplicates.sent}; gauge
 * {@code streamsim.producer.schedule.lag} (seconds); and each producer's own metrics through
 * {@link KafkaClientMetrics}.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    /** How long {@link #close()} lets threads flush before it closes their producers under them. */
    private static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int FLUSH_ATTEMPTS = 3;

    private final Scenario scenario;
    private final String topic;
    private final long originMillis;
    private final Ticker ticker;
    private final EventGenerator generator;
    private final Pacer pacer;
    private final MeterRegistry registry;
    private final List<Worker> workers = new ArrayList<>();
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
    private final List<Meter> meters = new ArrayList<>();
    private final CountDownLatch done;

    // Written by the producers' I/O threads (and by a sender on a synchronous failure): not single-writer.
    private final LongAdder recordsAcked = new LongAdder();
    private final LongAdder recordsFailed = new LongAdder();
    private final Callback callback = this::completed;
    /** Poison records are not records of the stream: only a failure is noted, as the last error. */
    private final Callback poisonCallback = (metadata, exception) -> {
        if (exception != null) {
            lastError = "poison record: " + exception.getClass().getSimpleName() + ": " + exception.getMessage();
        }
    };
    private volatile String lastError;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile boolean closed;
    private static final long NOT_PAUSED = Long.MIN_VALUE;
    /** Ticker time until which the producer threads hold back, or {@link #NOT_PAUSED}. */
    private volatile long pausedUntilNanos = NOT_PAUSED;

    /**
     * @param clientConfig    bootstrap.servers and any security settings; the scenario's producer settings are
     *                        merged over it (see {@link #producerConfig})
     * @param origin          the wall-clock time of the timeline's start: event times and emitted-at derive from it
     * @param producerFactory makes one producer per thread from the merged config
     */
    public LoadGenerator(Scenario scenario, String topic, Map<String, Object> clientConfig, Instant origin,
                         Ticker ticker, MeterRegistry registry,
                         Function<Map<String, Object>, Producer<byte[], byte[]>> producerFactory) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.originMillis = origin.toEpochMilli();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.generator = new EventGenerator(scenario, origin);
        this.pacer = new Pacer(generator.timeline(), ticker);
        int threads = scenario.producer().threads();
        this.done = new CountDownLatch(threads);
        Tags tags = Tags.of("scenario", scenario.name());
        try {
            for (int k = 0; k < threads; k++) {
                Map<String, Object> config = producerConfig(clientConfig, scenario.producer(),
                        clientId(clientConfig, scenario.name(), k));
                Producer<byte[], byte[]> producer = Objects.requireNonNull(producerFactory.apply(config), "producer");
                workers.add(new Worker(k, threads, producer));
                KafkaClientMetrics binder = new KafkaClientMetrics(producer, tags);
                clientMetrics.add(binder);
                binder.bindTo(registry);
            }
        } catch (RuntimeException e) {
            closeProducers();
            throw e;
        }
        meters.add(counter("streamsim.producer.events.sent", "distinct events handed to a producer",
                g -> g.sumOverWorkers(Worker.EVENTS_SENT), tags));
        meters.add(counter("streamsim.producer.records.sent", "records handed to a producer, duplicates included",
                g -> g.sumOverWorkers(Worker.RECORDS_SENT), tags));
        meters.add(counter("streamsim.producer.records.acked", "records acknowledged by the broker",
                g -> g.recordsAcked.sum(), tags));
        meters.add(counter("streamsim.producer.records.failed", "records whose send failed",
                g -> g.recordsFailed.sum(), tags));
        meters.add(counter("streamsim.producer.duplicates.sent", "second copies of duplicated events",
                g -> g.sumOverWorkers(Worker.DUPLICATES_SENT), tags));
        meters.add(Gauge.builder("streamsim.producer.schedule.lag", this, g -> g.scheduleLagNanos() / 1e9)
                .description("how far behind its due time the furthest-behind producer thread's current send is")
                .baseUnit("seconds")
                .tags(tags)
                .register(registry));
    }

    /** {@link #LoadGenerator(Scenario, String, Map, Instant, Ticker, MeterRegistry, Function)} with KafkaProducers. */
    public LoadGenerator(Scenario scenario, String topic, Map<String, Object> clientConfig, Instant origin,
                         Ticker ticker, MeterRegistry registry) {
        this(scenario, topic, clientConfig, origin, ticker, registry,
                config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /**
     * {@code clientConfig} with the scenario's settings over it: acks, linger.ms, batch.size, compression.type,
     * enable.idempotence (true exactly when acks=all), byte-array serializers, and {@code clientId}.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> clientConfig, ProducerSpec spec,
                                                     String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, spec.acks());
        config.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(spec.linger().toMillis()));
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(spec.batchSizeBytes()));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, spec.compression());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString("all".equals(spec.acks())));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** A client.id given in the client config becomes the prefix, so several generators stay apart. */
    private static String clientId(Map<String, Object> clientConfig, String scenarioName, int thread) {
        Object given = clientConfig.get(ProducerConfig.CLIENT_ID_CONFIG);
        String prefix = given != null && !given.toString().isEmpty()
                ? given.toString()
                : "streamsim-producer-" + scenarioName;
        return prefix + "-" + thread;
    }

    private FunctionCounter counter(String name, String description, ToLongFunction<LoadGenerator> count, Tags tags) {
        return FunctionCounter.builder(name, this, g -> count.applyAsLong(g))
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /** Starts the timeline now and the producer threads. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("load generator closed");
        }
        if (started) {
            throw new IllegalStateException("load generator already started");
        }
        started = true;
        pacer.start();
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    /**
     * Waits until every thread has sent its last event (or stopped) and every send has been acknowledged or has
     * failed (each producer flushed).
     *
     * @return true when done, false on timeout or when never started
     */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return started && done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isDone() {
        return started && done.getCount() == 0;
    }

    /**
     * Stops sending (Ctrl-C): each thread finishes the event in hand, flushes and ends; counts are kept. Threads
     * waiting for a due time are woken; a thread inside {@code send} is not interrupted, so no record is cut off.
     */
    public void stop() {
        stopped = true;
        for (Worker w : workers) {
            if (w.waiting) {
                w.thread.interrupt();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop();
        if (started) {
            try {
                if (!done.await(CLOSE_FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("producer threads of scenario {} still flushing after {}; closing their producers",
                            scenario.name(), CLOSE_FLUSH_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (KafkaClientMetrics binder : clientMetrics) {
            binder.close();
        }
        closeProducers();
        for (Meter meter : meters) {
            registry.remove(meter);
        }
    }

    private void closeProducers() {
        for (Worker w : workers) {
            try {
                w.producer.close(PRODUCER_CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("closing producer {} of scenario {} failed", w.index, scenario.name(), e);
            }
        }
    }

    /**
     * The live stream's event time now: {@link EventGenerator#eventTimeAt} of the timeline offset the pacer has
     * reached (so a live rate step moves it as it moves the events); the origin before {@link #start()}.
     */
    public Instant eventTimeNow() {
        long offset = pacer.isStarted() ? pacer.virtualOffsetNanos(Math.max(0, ticker.nanoTime() - pacer.startNanos())) : 0;
        return generator.eventTimeAt(offset);
    }

    /** Multiplies the send rate from now on: the rest of the timeline plays {@code factor} times as fast. */
    public void stepRate(double factor) {
        pacer.stepRate(factor);
    }

    /**
     * Stops sending for {@code lasting} from now (an upstream outage); events that fall due meanwhile are sent
     * when it ends, as fast as the producers can, so the backlog shows as schedule lag and latency.
     */
    public void pause(Duration lasting) {
        pausedUntilNanos = ticker.nanoTime() + lasting.toNanos();
    }

    public ProducerStats stats() {
        long maxEventMillis = Long.MIN_VALUE;
        for (Worker w : workers) {
            maxEventMillis = Math.max(maxEventMillis, (long) Worker.MAX_EVENT_MILLIS.getAcquire(w));
        }
        // Failures and acks first: a record counted as acked or failed was counted as sent before.
        long failed = recordsFailed.sum();
        long acked = recordsAcked.sum();
        return new ProducerStats(
                pacer.eventsDue(),
                sumOverWorkers(Worker.EVENTS_SENT),
                sumOverWorkers(Worker.RECORDS_SENT),
                acked,
                failed,
                sumOverWorkers(Worker.DUPLICATES_SENT),
                maxEventMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(maxEventMillis),
                Duration.ofNanos(scheduleLagNanos()),
                lastError,
                sumOverWorkers(Worker.POISON_SENT));
    }

    private long sumOverWorkers(VarHandle count) {
        long sum = 0;
        for (Worker w : workers) {
            sum += (long) count.getAcquire(w);
        }
        return sum;
    }

    private long scheduleLagNanos() {
        long now = ticker.nanoTime();
        long lag = 0;
        for (Worker w : workers) {
            long behindSince = (long) Worker.BEHIND_SINCE_NANOS.getAcquire(w);
            if (behindSince != Worker.ON_TIME) {
                lag = Math.max(lag, now - behindSince);
            }
        }
        return lag;
    }

    private void completed(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            recordsAcked.increment();
        } else {
            failed(exception);
        }
    }

    private void failed(Exception exception) {
        String previous = lastError;
        lastError = exception.getClass().getSimpleName() + ": " + exception.getMessage();
        recordsFailed.increment();
        if (previous == null) {
            LOG.warn("scenario {}: a send to {} failed (further failures are counted, not logged)",
                    scenario.name(), topic, exception);
        }
    }

    private final class Worker implements Runnable {

        static final long ON_TIME = Long.MIN_VALUE;
        static final VarHandle EVENTS_SENT = field("eventsSent");
        static final VarHandle RECORDS_SENT = field("recordsSent");
        static final VarHandle DUPLICATES_SENT = field("duplicatesSent");
        static final VarHandle POISON_SENT = field("poisonSent");
        static final VarHandle BEHIND_SINCE_NANOS = field("behindSinceNanos");
        static final VarHandle MAX_EVENT_MILLIS = field("maxEventMillis");

        final int index;
        final int threads;
        final Producer<byte[], byte[]> producer;
        final Thread thread;
        /** True while the thread may be parked for a due time: only then does {@link #stop()} interrupt it. */
        volatile boolean waiting;
        // Written by this worker's thread only, with release stores (a plain store on x86); read with acquire.
        long eventsSent;
        long recordsSent;
        long duplicatesSent;
        long poisonSent;
        /** The due ticker time of the event being sent when it was released late, else {@link #ON_TIME}. */
        long behindSinceNanos = ON_TIME;
        long maxEventMillis = Long.MIN_VALUE;
        /** The emitted-at header of the last record: records due in the same millisecond share it. */
        private long headersMillis = Long.MIN_VALUE;
        private RecordHeaders headers;

        Worker(int index, int threads, Producer<byte[], byte[]> producer) {
            this.index = index;
            this.threads = threads;
            this.producer = producer;
            this.thread = new Thread(this, "streamsim-producer-" + scenario.name() + "-" + index);
            this.thread.setDaemon(true);
        }

        private static VarHandle field(String name) {
            try {
                return MethodHandles.lookup().findVarHandle(Worker.class, name, long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public void run() {
            long total = generator.totalEvents();
            long start = pacer.startNanos();
            // A ticker reading no later than now: an event due before it is behind schedule without a new reading.
            long clock = Long.MIN_VALUE;
            EventPrefetcher ahead = null;
            try {
                ahead = new EventPrefetcher(EventPrefetcher.preparing(generator, pacer), total, index, threads,
                        "streamsim-generator-" + scenario.name() + "-" + index, () -> stopped);
                ahead.start();
                for (long i = index; i < total && !stopped; i += threads) {
                    if (pausedUntilNanos != NOT_PAUSED) {
                        waitOutPause();
                    }
                    EncodedEvent e = ahead.next();
                    long dueOffset = e.generated().dueOffsetNanos();
                    long realOffset = pacer.realOffsetNanos(dueOffset);
                    long due = start + realOffset;
                    boolean late = due < clock;
                    if (!late) {
                        long behind;
                        waiting = true;
                        try {
                            // Re-read after announcing the wait: either stop() sees waiting, or this sees stopped.
                            if (stopped) {
                                break;
                            }
                            behind = pacer.awaitOffset(dueOffset);
                        } finally {
                            waiting = false;
                        }
                        late = behind > 0;
                        clock = due + behind;
                    }
                    BEHIND_SINCE_NANOS.setRelease(this, late ? due : ON_TIME);
                    send(e.at(realOffset));
                }
            } catch (InterruptedException e) {
                // stop() woke a thread waiting for a due time or for the next event: nothing in hand, go on to flush.
            } catch (RuntimeException e) {
                failedThread(e);
            } catch (Error e) {
                failedThread(e);
                throw e;
            } finally {
                if (ahead != null) {
                    ahead.close();
                }
                BEHIND_SINCE_NANOS.setRelease(this, ON_TIME);
                // A stop() that raced the end of a wait may have left the flag set; flush must not see it.
                Thread.interrupted();
                flush();
                done.countDown();
            }
        }

        /**
         * Sends an event encoded for its due ticker offset {@code e.realOffsetNanos()}, with that wall-clock time as
         * its emitted-at header.
         */
        private void send(EncodedEvent e) {
            long eventMillis = e.eventMillis();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, eventMillis, e.key(), e.value(),
                    emittedAt(originMillis + e.realOffsetNanos() / 1_000_000));
            EVENTS_SENT.setRelease(this, eventsSent + 1);
            sendOne(record);
            if (e.generated().duplicated()) {
                DUPLICATES_SENT.setRelease(this, duplicatesSent + 1);
                sendOne(record);
            }
            if (e.generated().poisonFollows()) {
                sendPoison(e.id());
            }
            if (eventMillis > maxEventMillis) {
                MAX_EVENT_MILLIS.setRelease(this, eventMillis);
            }
        }

        /** An undecodable record numbered by the event it follows; its acks are not records' acks. */
        private void sendPoison(long number) {
            POISON_SENT.setRelease(this, poisonSent + 1);
            try {
                producer.send(new ProducerRecord<>(topic, null, PoisonRecords.key(number), PoisonRecords.value(number)),
                        poisonCallback);
            } catch (InterruptException e) {
                poisonCallback.onCompletion(null, e);
                Thread.interrupted();
            } catch (RuntimeException e) {
                poisonCallback.onCompletion(null, e);
            }
        }

        /**
         * The headers of a record due at {@code epochMillis}. The producer only reads them (it makes them
         * read-only on send, as it does for a duplicate's second send), so records of one millisecond share them.
         */
        private RecordHeaders emittedAt(long epochMillis) {
            if (headers == null || epochMillis != headersMillis) {
                headers = new RecordHeaders(new Header[] {
                        new RecordHeader(Headers.EMITTED_AT, Headers.encodeEpochMillis(epochMillis))});
                headersMillis = epochMillis;
            }
            return headers;
        }

        private void sendOne(ProducerRecord<byte[], byte[]> record) {
            RECORDS_SENT.setRelease(this, recordsSent + 1);
            try {
                producer.send(record, callback);
            } catch (InterruptException e) {
                failed(e);
                Thread.interrupted();
            } catch (RuntimeException e) {
                // Thrown before the record reached the accumulator: the callback will not run for it.
                failed(e);
            }
        }

        private void flush() {
            for (int attempt = 1; attempt <= FLUSH_ATTEMPTS; attempt++) {
                try {
                    producer.flush();
                    return;
                } catch (InterruptException e) {
                    Thread.interrupted();
                } catch (RuntimeException e) {
                    failedThread(e);
                    return;
                }
            }
        }

        /** Parks while the producers are paused; what falls due meanwhile is sent afterwards, late. */
        private void waitOutPause() throws InterruptedException {
            long until = pausedUntilNanos;
            if (until == NOT_PAUSED || ticker.nanoTime() >= until) {
                return;
            }
            waiting = true;
            try {
                if (!stopped) {
                    ticker.parkUntil(until);
                }
            } finally {
                waiting = false;
            }
        }

        private void failedThread(Throwable e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.error("producer thread {} of scenario {} failed", index, scenario.name(), e);
        }
    }
}

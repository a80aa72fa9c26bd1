package io.streamsim.bench.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.EventCodec;
import io.streamsim.model.scenario.ProducerSpec;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.producers.EventGenerator;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.simulator.broker.TopicReadiness;
import io.streamsim.streams.LagMonitor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * One probe of the bare baseline: Kafka's ProducerPerformance at {@code --throughput R} (one producer thread, the
 * generator's producer settings, payloads that are the generator's own encoded events, keyed and headed by
 * {@link KeyFromEventInterceptor}) feeding {@link BaselineTopology} in N {@link KafkaStreams} clients of one
 * application id, in this JVM, with the Streams settings streamsim's app uses (commit interval, auto.offset.reset,
 * metrics level, default cache). Once a second from ProducerPerformance's start the bench reads the input topic's
 * end offsets and the group's committed offsets ({@link LagMonitor}, as streamsim's run does).
 */
final class BaselineProbe {

    static final String PRODUCER_THREAD = "bench-producer-performance";
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int PAYLOADS = 20_000;

    private final ProbeSettings settings;
    private final String bootstrapServers;
    private final Admin admin;
    private final Path dir;
    private final ProbeJudge judge;
    private final Clock clock;
    private final Path payloads;
    private final double meanValueBytes;

    BaselineProbe(ProbeSettings settings, String bootstrapServers, Admin admin, Path dir, ProbeJudge judge,
                  Clock clock) throws Exception {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.dir = dir;
        this.judge = judge;
        this.clock = clock;
        this.payloads = dir.resolve("baseline-payloads.txt");
        this.meanValueBytes = writePayloads(settings, payloads);
    }

    double meanValueBytes() {
        return meanValueBytes;
    }

    /**
     * ProducerPerformance's {@code --payload-file}: {@value #PAYLOADS} events of the same stream streamsim's
     * probes send, encoded as streamsim encodes them, one a line. Returns their mean size in bytes.
     */
    static double writePayloads(ProbeSettings settings, Path file) throws Exception {
        Scenario scenario = ScenarioLoader.parse(StreamsimProbe.scenarioYaml("bench-pipeline-payloads", settings,
                PAYLOADS / (double) Math.max(1, settings.loadDuration().toSeconds())), "payloads", null);
        EventGenerator generator = new EventGenerator(scenario, Instant.now());
        StringBuilder text = new StringBuilder();
        long bytes = 0;
        int n = (int) Math.min(PAYLOADS, scenario.timeline().totalEvents());
        for (int i = 0; i < n; i++) {
            String value = new String(EventCodec.encode(generator.event(i).event()), StandardCharsets.UTF_8);
            bytes += value.getBytes(StandardCharsets.UTF_8).length;
            text.append(value).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return (double) bytes / n;
    }

    ProbeResult run(int number, double rate, boolean warmupProbe) throws Exception {
        String appId = "bench-baseline-" + number;
        String input = appId + ".events";
        String output = appId + ".windows";
        ProbeTopics topics = ProbeTopics.before(admin);
        Path stateDir = Files.createTempDirectory("streamsim-bench-baseline-");
        Instant start = clock.instant();
        List<KafkaStreams> apps = new ArrayList<>();
        List<Second> seconds = new ArrayList<>();
        Instant firstEvent = null;
        String note;
        try {
            admin.createTopics(List.of(new NewTopic(input, settings.partitions(), (short) 1),
                    new NewTopic(output, settings.partitions(), (short) 1))).all().get(60, TimeUnit.SECONDS);
            TopicReadiness.awaitLeaders(admin, List.of(input, output), Duration.ofSeconds(60));
            for (int i = 0; i < settings.instances(); i++) {
                KafkaStreams app = new KafkaStreams(BaselineTopology.build(input, output, settings.window(),
                        settings.grace(), settings.emit()), streamsProperties(appId, i, stateDir.resolve("i" + i)));
                apps.add(app);
                app.start();
            }
            awaitRunning(apps);
            long records = Math.round(rate * settings.loadDuration().toNanos() / 1e9);
            AtomicReference<String> ppOutput = new AtomicReference<>("");
            AtomicReference<Throwable> ppFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> producerPerformance(input, records, rate, ppOutput, ppFailure),
                    PRODUCER_THREAD);
            try (LagMonitor lag = new LagMonitor(admin, appId, input, new SimpleMeterRegistry())) {
                PrintStream originalOut = System.out;
                PrintStream originalErr = System.err;
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                // ProducerPerformance prints progress to stdout and each failed send to stderr: off the console.
                PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
                System.setOut(capture);
                System.setErr(capture);
                try {
                    firstEvent = clock.instant();
                    long t0 = System.nanoTime();
                    producer.start();
                    double judged = settings.loadDuration().toNanos() / 1e9 + 1;
                    for (int tick = 1; producer.isAlive() || (System.nanoTime() - t0) / 1e9 < judged; tick++) {
                        long due = t0 + TimeUnit.SECONDS.toNanos(tick);
                        long sleep = due - System.nanoTime();
                        if (sleep > 0) {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        }
                        seconds.add(read(lag, input, (System.nanoTime() - t0) / 1e9));
                    }
                    producer.join();
                } finally {
                    System.setOut(originalOut);
                    System.setErr(originalErr);
                }
                Path log = Files.createDirectories(dir.resolve("logs")).resolve(appId + ".producer-performance.txt");
                Files.writeString(log, captured.toString(StandardCharsets.UTF_8) + ppOutput.get(), StandardCharsets.UTF_8);
            }
            note = ppFailure.get() == null ? "ProducerPerformance sent " + records + " records"
                    : "ProducerPerformance failed: " + ppFailure.get();
        } finally {
            closeAll(apps);
            topics.deleteNew();
            deleteRecursively(stateDir);
        }
        return judge.judge("baseline", number, warmupProbe, rate, seconds, start, firstEvent, clock.instant(), null,
                note);
    }

    private Second read(LagMonitor monitor, String input, double elapsed) throws InterruptedException {
        try {
            LagMonitor.Reading r = monitor.read();
            long lag = 0;
            long end = 0;
            for (Map.Entry<TopicPartition, Long> e : r.lag().entrySet()) {
                lag += e.getValue();
                end += e.getValue() + r.committed().getOrDefault(e.getKey(), 0L);
            }
            return new Second(elapsed, end, lag);
        } catch (RuntimeException e) {
            return new Second(elapsed, recordsOnInput(input), -1);
        }
    }

    /** Records on the input topic when the lag could not be read: the produced count must not go missing. */
    private long recordsOnInput(String input) {
        try {
            return admin.listOffsets(java.util.stream.IntStream.range(0, settings.partitions()).boxed()
                            .collect(java.util.stream.Collectors.toMap(p -> new TopicPartition(input, p),
                                    p -> org.apache.kafka.clients.admin.OffsetSpec.latest())))
                    .all().get(5, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The Streams settings of streamsim's app (StreamsApp.properties), for the baseline's clients. */
    private Properties streamsProperties(String appId, int instance, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, appId + "-" + instance);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.guarantee().configValue());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "INFO");
        return p;
    }

    private static void awaitRunning(List<KafkaStreams> apps) throws InterruptedException {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (!apps.stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING)) {
            if (apps.stream().anyMatch(a -> a.state() == KafkaStreams.State.ERROR
                    || a.state() == KafkaStreams.State.NOT_RUNNING)) {
                throw new IllegalStateException("a baseline Streams client failed to start");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the baseline Streams clients were not RUNNING within "
                        + RUNNING_TIMEOUT.toSeconds() + "s");
            }
            Thread.sleep(20);
        }
    }

    private void producerPerformance(String topic, long records, double rate, AtomicReference<String> output,
                                     AtomicReference<Throwable> failure) {
        Map<String, Object> config = LoadGenerator.producerConfig(Map.of("bootstrap.servers", bootstrapServers),
                ProducerSpec.DEFAULT, "bench-baseline-producer");
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--throughput", String.format(Locale.ROOT, "%.0f", rate), "--payload-file", payloads.toString(),
                "--producer-props"));
        for (String key : List.of("bootstrap.servers", "acks", "linger.ms", "batch.size", "compression.type",
                "enable.idempotence", "client.id")) {
            args.add(key + "=" + config.get(key));
        }
        args.add("interceptor.classes=" + KeyFromEventInterceptor.class.getName());
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } catch (Throwable t) {
            failure.set(t);
            output.set(t.toString());
        }
    }

    private static void closeAll(List<KafkaStreams> apps) throws InterruptedException {
        List<Thread> closers = new ArrayList<>();
        for (KafkaStreams app : apps) {
            Thread t = new Thread(() -> app.close(CLOSE_TIMEOUT), "bench-close");
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            t.join();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // A temporary directory: left for the OS.
        }
    }
}

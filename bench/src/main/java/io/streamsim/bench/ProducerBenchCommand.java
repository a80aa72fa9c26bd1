package io.streamsim.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.EventCodec;
import io.streamsim.model.Headers;
import io.streamsim.model.scenario.RatePhase;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.producers.EventGenerator;
import io.streamsim.producers.GeneratedEvent;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.producers.ProducerStats;
import io.streamsim.producers.Ticker;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import io.streamsim.simulator.broker.TopicReadiness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamsim bench producer}: the scenario-driven generator against Kafka's own
 * {@code ProducerPerformance}, alternately, on one embedded broker, with the same producer settings and the
 * same payloads (ProducerPerformance sends the generator's own encoded events from a payload file), one
 * producer thread each, unthrottled. Prints records per second of each round and their ratio.
 *
 * <p>ProducerPerformance sends values only (no key, no headers, sticky partitioner), while the generator's records
 * carry their event key (hashed to a partition) and the 8-byte emitted-at header, as in a real run. So that both
 * send records of the same size, ProducerPerformance's payloads are the encoded events followed by their key and
 * header bytes ({@code --value-only} leaves those out). What remains different is where the work is: the
 * generator makes every event as it goes (seeded, paced, then encoded), ProducerPerformance picks a ready payload.
 *
 * <p>Each round's topics are created, and produced to only once the broker leads every partition
 * ({@link TopicReadiness}: before that, whole rounds failed), then deleted.
 */
@Command(name = "producer", description = "Generator throughput vs Kafka's ProducerPerformance on the same broker.")
final class ProducerBenchCommand implements Callable<Integer> {

    /** ProducerPerformance's closing line, the only one with percentiles. */
    private static final Pattern PP_TOTAL = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec .*50th");
    private static final int PAYLOAD_SAMPLES = 20_000;
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "scenarios/clickstream-baseline.yaml",
            description = "Scenario whose events and producer settings are used (default: ${DEFAULT-VALUE}).")
    Path scenarioFile;

    @Option(names = "--records", defaultValue = "2000000", description = "Records per round (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rounds", defaultValue = "6", description = "Measured rounds of each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "2",
            description = "Full-size rounds of each run first and not counted: on two cores the JIT compilers "
                    + "took 40-60%% of a core through the first rounds (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--value-only",
            description = "Give ProducerPerformance the encoded events alone, smaller than the generator's records "
                    + "by their key and header; by default its payloads carry those bytes too, so that both send "
                    + "records of the same size.")
    boolean valueOnly;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of each topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (records < 1 || rounds < 1 || warmupRounds < 0 || partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--records, --rounds and --partitions must be at least 1, --warmup-rounds at least 0");
        }
        Scenario base = ScenarioLoader.load(scenarioFile);
        Scenario scenario = unthrottled(base, records);
        Path payloads = Files.createTempFile("streamsim-bench-payloads-", ".txt");
        PayloadSizes sizes = writePayloads(scenario, payloads, !valueOnly);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); Admin admin = Admin.create(
                Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<String, Object> producerConfig = LoadGenerator.producerConfig(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), scenario.producer(), "bench");
            out.printf(Locale.ROOT, "bench producer: %d records a round, %d rounds after %d warm-up rounds; values from %s; "
                            + "acks=%s linger=%s batch.size=%s compression=%s idempotence=%s; "
                            + "%d partitions; embedded broker %s%n",
                    records, rounds, warmupRounds, base.name(), producerConfig.get("acks"),
                    producerConfig.get("linger.ms"), producerConfig.get("batch.size"),
                    producerConfig.get("compression.type"), producerConfig.get("enable.idempotence"), partitions,
                    broker.bootstrapServers());
            out.printf(Locale.ROOT, "record sizes (mean, before compression): generator: value %.0f B + key %.1f B + "
                            + "header %d B (%s), partitioned by key; ProducerPerformance: value %.0f B (%s), no key, "
                            + "no headers, sticky partitioner%n",
                    sizes.valueBytes(), sizes.keyBytes(), sizes.headerBytes(), Headers.EMITTED_AT,
                    sizes.ppPayloadBytes(), valueOnly ? "the event only: --value-only"
                            : "the event, its key and header bytes: the same record size");
            out.printf("%-9s %22s %22s %7s %17s %13s%n", "round", "ProducerPerformance", "streamsim generator", "ratio",
                    "CPU us/rec PP/gen", "JIT / GC ms");
            out.flush();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1 - warmupRounds; round <= rounds; round++) {
                String label = round <= 0 ? "warm-up" : Integer.toString(round);
                String ppTopic = "bench.pp." + (round + warmupRounds);
                String genTopic = "bench.gen." + (round + warmupRounds);
                List<String> topics = List.of(ppTopic, genTopic);
                admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                        .all().get();
                TopicReadiness.awaitLeaders(admin, topics, TOPIC_READY_TIMEOUT);
                JvmActivity before = JvmActivity.now();
                Measured pp;
                Measured gen;
                // Alternating who goes first evens out what the first of a pair meets (a fresh log segment,
                // the other's leftover GC debt): over an even number of rounds each goes first as often.
                if (round % 2 != 0) {
                    pp = Measured.run(() -> producerPerformance(ppTopic, records, payloads, producerConfig));
                    gen = Measured.run(() -> generator(scenario, genTopic, broker.bootstrapServers()));
                } else {
                    gen = Measured.run(() -> generator(scenario, genTopic, broker.bootstrapServers()));
                    pp = Measured.run(() -> producerPerformance(ppTopic, records, payloads, producerConfig));
                }
                JvmActivity during = JvmActivity.now().minus(before);
                // Keeps the broker's disk and page cache to one round's worth, however many rounds are run.
                admin.deleteTopics(topics).all().get();
                double ratio = gen.recordsPerSecond() / pp.recordsPerSecond();
                if (round > 0) {
                    ratios.add(ratio);
                }
                out.printf(Locale.ROOT, "%-9s %16.0f rec/s %16.0f rec/s %7.2f %8.2f / %-6.2f %6d / %-5d%s%n", label,
                        pp.recordsPerSecond(), gen.recordsPerSecond(), ratio, pp.cpuMicrosPerRecord(),
                        gen.cpuMicrosPerRecord(), during.compileMillis(), during.gcMillis(),
                        round % 2 != 0 ? "" : "  (generator first)");
                out.flush();
            }
            List<Double> sorted = new ArrayList<>(ratios);
            sorted.sort(Double::compare);
            int middle = sorted.size() / 2;
            double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
            out.printf(Locale.ROOT, "median ratio (generator / ProducerPerformance) over %d rounds: %.2f (min %.2f, "
                            + "max %.2f)  [target >= 0.90: %s]%n", sorted.size(), median, sorted.get(0),
                    sorted.get(sorted.size() - 1), median >= 0.9 ? "met" : "NOT met");
            out.flush();
        } finally {
            Files.deleteIfExists(payloads);
        }
        return 0;
    }

    /**
     * The scenario with one constant phase that makes all {@code n} events due within its first millisecond: sent at
     * full speed, whatever {@code n}.
     */
    static Scenario unthrottled(Scenario s, long n) {
        Duration millisecond = Duration.ofMillis(1);
        return new Scenario(s.name(), s.prompt(), s.seed(), millisecond, s.events(),
                List.of(new RatePhase.Constant(millisecond, n * 1000.0)), s.disorder(), s.dirt(), s.topology(),
                s.topics(), s.app(), s.producer(), s.points());
    }

    /**
     * Milliseconds the JVM spent compiling and collecting garbage, summed over its compilers and collectors: shown
     * per round, since either takes CPU from the producers on a two-core machine and so explains an odd round.
     */
    record JvmActivity(long compileMillis, long gcMillis) {

        static JvmActivity now() {
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            long compile = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
            long gc = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, collector.getCollectionTime());
            }
            return new JvmActivity(compile, gc);
        }

        JvmActivity minus(JvmActivity earlier) {
            return new JvmActivity(compileMillis - earlier.compileMillis, gcMillis - earlier.gcMillis);
        }
    }

    /** Records sent (acknowledged) by one side of a round and the seconds that took. */
    record Sent(long records, double seconds) {
    }

    /** One side of a round. */
    interface Side {
        Sent run() throws Exception;
    }

    /**
     * One side of a round: records per second, and the CPU time the whole process (broker, producer threads,
     * JIT, GC) spent per record meanwhile. On two shared cores the second explains the first: the side that
     * needs more CPU per record gets fewer records through.
     */
    record Measured(double recordsPerSecond, double cpuMicrosPerRecord) {

        static Measured run(Side side) throws Exception {
            long cpuBefore = processCpuNanos();
            Sent sent = side.run();
            return new Measured(sent.records() / sent.seconds(), (processCpuNanos() - cpuBefore) / 1e3 / sent.records());
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime()
                    : 0;
        }
    }

    /** Mean sizes of the generator's records: ProducerPerformance sends the same values, without the rest. */
    record PayloadSizes(double valueBytes, double keyBytes, int headerBytes, double ppPayloadBytes) {
    }

    /**
     * Writes ProducerPerformance's --payload-file, one payload a line, and returns the records' mean sizes. Each
     * payload is an encoded event of the scenario followed, with {@code sameRecordSize}, by as many bytes as the
     * generator's record carries besides its value: its key and its emitted-at header (name, and the 8-byte value
     * as 8 hex digits of a send time). ProducerPerformance sends values only, so that is how its records get the
     * same size (and similar content for the compressor) as the generator's.
     */
    private static PayloadSizes writePayloads(Scenario scenario, Path file, boolean sameRecordSize) throws Exception {
        EventGenerator generator = new EventGenerator(scenario, Instant.now());
        StringBuilder text = new StringBuilder();
        long valueBytes = 0;
        long keyBytes = 0;
        long payloadBytes = 0;
        int count = (int) Math.min(PAYLOAD_SAMPLES, scenario.timeline().totalEvents());
        long sendTime = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            GeneratedEvent e = generator.event(i);
            String value = new String(EventCodec.encode(e.event()), StandardCharsets.UTF_8);
            String key = e.event().key();
            String payload = sameRecordSize
                    ? value + key + Headers.EMITTED_AT + String.format(Locale.ROOT, "%08x", (int) (sendTime + i / 1000))
                    : value;
            valueBytes += value.getBytes(StandardCharsets.UTF_8).length;
            keyBytes += key.getBytes(StandardCharsets.UTF_8).length;
            payloadBytes += payload.getBytes(StandardCharsets.UTF_8).length;
            text.append(payload).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        int headerBytes = Headers.EMITTED_AT.getBytes(StandardCharsets.UTF_8).length + Long.BYTES;
        return new PayloadSizes((double) valueBytes / count, (double) keyBytes / count, headerBytes,
                (double) payloadBytes / count);
    }

    /** Runs Kafka's ProducerPerformance in this JVM and reads its records/sec from the total line it prints. */
    private static Sent producerPerformance(String topic, long n, Path payloads, Map<String, Object> config)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(n),
                "--throughput", "-1", "--payload-file", payloads.toString(), "--producer-props"));
        for (String key : List.of("bootstrap.servers", "acks", "linger.ms", "batch.size", "compression.type",
                "enable.idempotence")) {
            args.add(key + "=" + config.get(key));
        }
        // ProducerPerformance prints progress to stdout and each failed send's stack trace to stderr: keep both
        // off the console, and show them only if the round fails.
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher m = PP_TOTAL.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no total line in ProducerPerformance's output:\n" + output);
        }
        long sent = Long.parseLong(m.group(1));
        if (sent != n) {
            throw new IllegalStateException("ProducerPerformance sent " + sent + " of " + n + " records:\n"
                    + output.substring(0, Math.min(output.length(), 20_000)));
        }
        double rate = Double.parseDouble(m.group(2));
        return new Sent(sent, sent / rate);
    }

    /** Runs the scenario's LoadGenerator unthrottled: records acknowledged (duplicates too), start to last ack. */
    private static Sent generator(Scenario scenario, String topic, String bootstrapServers) throws Exception {
        try (LoadGenerator generator = new LoadGenerator(scenario, topic, Map.of("bootstrap.servers", bootstrapServers),
                Instant.now(), Ticker.system(), new SimpleMeterRegistry())) {
            long start = System.nanoTime();
            generator.start();
            if (!generator.awaitDone(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the generator did not finish within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ProducerStats stats = generator.stats();
            if (stats.recordsFailed() > 0) {
                throw new IllegalStateException(stats.recordsFailed() + " sends failed: " + stats.lastError());
            }
            return new Sent(stats.recordsAcked(), seconds);
        }
    }
}

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
 * <p>The records differ in one way the header line states: ProducerPerformance sends values only (no key, no
 * headers, sticky partitioner), while the generator's records carry their event key (hashed to a partition)
 * and the 8-byte emitted-at header, as in a real run.
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

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of each topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario base = ScenarioLoader.load(scenarioFile);
        Scenario scenario = unthrottled(base, records);
        Path payloads = Files.createTempFile("streamsim-bench-payloads-", ".txt");
        PayloadSizes sizes = writePayloads(scenario, payloads);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); Admin admin = Admin.create(
                Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<String, Object> producerConfig = LoadGenerator.producerConfig(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), scenario.producer(), "bench");
            out.printf(Locale.ROOT, "bench producer: %d records a round, %d rounds after a warm-up; values from %s; "
                            + "acks=%s linger=%s batch.size=%s compression=%s idempotence=%s; "
                            + "%d partitions; embedded broker %s%n",
                    records, rounds, base.name(), producerConfig.get("acks"),
                    producerConfig.get("linger.ms"), producerConfig.get("batch.size"),
                    producerConfig.get("compression.type"), producerConfig.get("enable.idempotence"), partitions,
                    broker.bootstrapServers());
            out.printf(Locale.ROOT, "record sizes (mean, before compression): ProducerPerformance: value %.0f B, "
                            + "no key, no headers, sticky partitioner; generator: value %.0f B, key %.1f B, "
                            + "headers %d B (%s), partitioned by key%n",
                    sizes.valueBytes(), sizes.valueBytes(), sizes.keyBytes(), sizes.headerBytes(), Headers.EMITTED_AT);
            out.printf("%-7s %24s %24s %8s%n", "round", "ProducerPerformance", "streamsim generator", "ratio");
            out.flush();
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                long n = round == 0 ? Math.max(10_000, records / 5) : records;
                Scenario s = round == 0 ? unthrottled(base, n) : scenario;
                String ppTopic = "bench.pp." + round;
                String genTopic = "bench.gen." + round;
                List<String> topics = List.of(ppTopic, genTopic);
                admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                        .all().get();
                TopicReadiness.awaitLeaders(admin, topics, TOPIC_READY_TIMEOUT);
                double pp = producerPerformance(ppTopic, n, payloads, producerConfig);
                double gen = generator(s, genTopic, broker.bootstrapServers());
                // Keeps the broker's disk and page cache to one round's worth, however many rounds are run.
                admin.deleteTopics(topics).all().get();
                double ratio = gen / pp;
                if (round > 0) {
                    ratios.add(ratio);
                }
                out.printf(Locale.ROOT, "%-7s %18.0f rec/s %18.0f rec/s %8.2f%n", round == 0 ? "warm-up" : round,
                        pp, gen, ratio);
                out.flush();
            }
            ratios.sort(Double::compare);
            double median = ratios.get(ratios.size() / 2);
            out.printf(Locale.ROOT, "median ratio (generator / ProducerPerformance): %.2f  [target >= 0.90: %s]%n",
                    median, median >= 0.9 ? "met" : "NOT met");
            out.flush();
        } finally {
            Files.deleteIfExists(payloads);
        }
        return 0;
    }

    /** The scenario with one constant phase that makes all {@code n} events due at once: send at full speed. */
    static Scenario unthrottled(Scenario s, long n) {
        Duration second = Duration.ofSeconds(1);
        return new Scenario(s.name(), s.prompt(), s.seed(), second, s.events(),
                List.of(new RatePhase.Constant(second, n)), s.disorder(), s.dirt(), s.topology(), s.topics(),
                s.app(), s.producer(), s.talkingPoints());
    }

    /** Mean sizes of the generator's records: ProducerPerformance sends the same values, without the rest. */
    record PayloadSizes(double valueBytes, double keyBytes, int headerBytes) {
    }

    /** Writes encoded events, one a line, for ProducerPerformance's --payload-file; returns their mean sizes. */
    private static PayloadSizes writePayloads(Scenario scenario, Path file) throws Exception {
        EventGenerator generator = new EventGenerator(scenario, Instant.now());
        StringBuilder text = new StringBuilder();
        long valueBytes = 0;
        long keyBytes = 0;
        int count = (int) Math.min(PAYLOAD_SAMPLES, scenario.timeline().totalEvents());
        for (int i = 0; i < count; i++) {
            GeneratedEvent e = generator.event(i);
            byte[] value = EventCodec.encode(e.event());
            valueBytes += value.length;
            keyBytes += e.event().key().getBytes(StandardCharsets.UTF_8).length;
            text.append(new String(value, StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        int headerBytes = Headers.EMITTED_AT.getBytes(StandardCharsets.UTF_8).length + Long.BYTES;
        return new PayloadSizes((double) valueBytes / count, (double) keyBytes / count, headerBytes);
    }

    /** Runs Kafka's ProducerPerformance in this JVM and reads its records/sec from the total line it prints. */
    private static double producerPerformance(String topic, long n, Path payloads, Map<String, Object> config)
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
        return rate;
    }

    /** Runs the scenario's LoadGenerator unthrottled; records acknowledged per second, start to last ack. */
    private static double generator(Scenario scenario, String topic, String bootstrapServers) throws Exception {
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
            return stats.recordsAcked() / seconds;
        }
    }
}

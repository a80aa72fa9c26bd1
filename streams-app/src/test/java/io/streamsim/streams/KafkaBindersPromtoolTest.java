package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Kafka clients bound with Micrometer's real Kafka binders: what {@code /metrics} exports of them passes
 * {@code promtool check metrics}, and no Kafka metric is lost on the way. The clients point at a port where
 * nothing listens: their metrics exist from construction, and the connection attempts add the per-node ones.
 */
class KafkaBindersPromtoolTest {

    private static final String NOWHERE = "127.0.0.1:1";
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(200);
    private static final Pattern START_TIME = Pattern.compile(
            "(?m)^kafka_app_info_start_time_seconds\\{[^}]*client_id=\"binders-test-producer\"[^}]*} (\\S+)$");

    @TempDir
    Path stateDir;

    private long startedAtMillis;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private AdminClient admin;
    private KafkaStreams streams;
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final PrometheusMeterRegistry plain = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusMeterRegistry ours = PrometheusRegistries.create();

    @BeforeEach
    void createClientsPointingNowhere() throws InterruptedException {
        startedAtMillis = System.currentTimeMillis();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE,
                ProducerConfig.CLIENT_ID_CONFIG, "binders-test-producer"),
                new ByteArraySerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE,
                ConsumerConfig.GROUP_ID_CONFIG, "binders-test"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "binders-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(builder.build(), props);
        // Node metrics (e.g. node-request-latency-avg, which Kafka leaves undescribed) come with a first
        // connection attempt; binding before they exist would leave them out of the scrape.
        awaitMetricGroup("producer-node-metrics", producer::metrics);
        awaitMetricGroup("admin-client-node-metrics", admin::metrics);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable binder : binders) {
            binder.close();
        }
        streams.close(CLOSE_TIMEOUT);
        admin.close(CLOSE_TIMEOUT);
        consumer.close(CLOSE_TIMEOUT);
        producer.close(CLOSE_TIMEOUT);
        plain.close();
        ours.close();
    }

    @Test
    void kafkaBinderMetrics_passPromtool_inBaseUnits_withoutLosingAny() throws Exception {
        bindAll(plain);
        bindAll(ours);
        String scrape = ours.scrape(MetricsServer.CONTENT_TYPE);

        // Not one metric lost: each meter bound without renaming has its renamed twin (bound just after, so
        // the renamed registry may only have more), and each renamed meter made it into the scrape.
        assertThat(plain.getMeters().stream().map(m -> KafkaMeterNames.rename(m.getId()).id()).distinct())
                .as("no two meters renamed into one").hasSameSizeAs(plain.getMeters());
        for (Meter meter : plain.getMeters()) {
            Meter.Id renamed = KafkaMeterNames.rename(meter.getId()).id();
            assertThat(ours.find(renamed.getName()).tags(renamed.getTagsAsIterable()).meter())
                    .as("renamed twin of " + meter.getId()).isNotNull();
        }
        assertThat(samples(scrape)).as(scrape).hasSameSizeAs(ours.getMeters());
        assertThat(scrape).contains("kafka_producer_io_time_seconds_total{")
                .contains("kafka_producer_connections{")
                .contains("kafka_stream_thread_blocked_time_seconds_total{");
        // The Kafka start time, reported in ms, is a Unix time in seconds.
        Matcher start = START_TIME.matcher(scrape);
        assertThat(start.find()).as(scrape).isTrue();
        assertThat(Double.parseDouble(start.group(1)))
                .isBetween(startedAtMillis / 1000.0 - 1, System.currentTimeMillis() / 1000.0 + 1);
        // Scales apply to gauges and function counters only; a TimeGauge converts its unit itself.
        for (Meter meter : plain.getMeters()) {
            if (KafkaMeterNames.rename(meter.getId()).scale() != 1.0) {
                assertThat(meter).as(meter.getId().toString()).isInstanceOfAny(Gauge.class, FunctionCounter.class)
                        .isNotInstanceOf(TimeGauge.class);
            }
        }

        Optional<Path> promtool = onPath("promtool");
        Assumptions.assumeTrue(promtool.isPresent(), "promtool is not on PATH (apt-get install prometheus)");
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(10, TimeUnit.SECONDS)).as("promtool exits").isTrue();
        assertThat(check.exitValue()).as("promtool check metrics:\n" + output).isZero();
    }

    private void bindAll(MeterRegistry registry) {
        List<KafkaClientMetrics> clients = List.of(new KafkaClientMetrics(producer), new KafkaClientMetrics(consumer),
                new KafkaClientMetrics(admin));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        clients.forEach(b -> b.bindTo(registry));
        streamsMetrics.bindTo(registry);
        binders.addAll(clients);
        binders.add(streamsMetrics);
    }

    private static List<String> samples(String exposition) {
        return exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static void awaitMetricGroup(String group, Supplier<Map<MetricName, ? extends Metric>> metrics)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (metrics.get().keySet().stream().noneMatch(n -> n.group().equals(group))) {
            assertThat(System.nanoTime() - deadline).as("no " + group + " within 5s").isNegative();
            Thread.sleep(20);
        }
    }

    private static Optional<Path> onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

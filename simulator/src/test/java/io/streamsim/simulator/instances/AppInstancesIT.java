package io.streamsim.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsim.model.ClickEvent;
import io.streamsim.model.EventCodec;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import io.streamsim.simulator.broker.TopicReadiness;
import io.streamsim.streams.MetricsServer;
import io.streamsim.streams.http.ControlToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child-JVM instances of the baseline scenario's app (exactly_once_v2, one stream thread each) on a real embedded
 * broker. Each test has its own topics, application id and instances, and waits for what it checks with a
 * generous deadline: a loaded machine makes everything slower, never different.
 */
class AppInstancesIT {

    private static final Path SCENARIO = Path.of("..", "scenarios", "clickstream-baseline.yaml");
    /** Recent event times: old ones would fall to the topics' time retention mid-test. */
    private static final Instant T0 = Instant.now().minusSeconds(600);
    /** Kept after the run, one folder per test, for a failure's post-mortem. */
    private static final Path LOGS = Path.of("target", "app-instances-it-logs");
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    @TempDir
    Path dir;

    private String in;
    private String dlq;
    private Path logs;
    private AppInstances instances;
    private AppLaunch launch;
    private long nextId = 1;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void topicsAndInstances(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        in = name + ".events";
        String out = name + ".windows";
        dlq = name + ".events.dlq";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(in, 4, (short) 1), new NewTopic(out, 4, (short) 1),
                    new NewTopic(dlq, 1, (short) 1))).all().get();
            // A first batch sent before the leader serves can get NOT_LEADER and then stay out of sequence for good.
            TopicReadiness.awaitLeaders(admin, List.of(in, out, dlq), Duration.ofSeconds(60));
        }
        logs = Files.createDirectories(LOGS.resolve(name));
        try (var files = Files.list(logs)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Path clientProps = dir.resolve("client.properties");
        // A killed instance's partitions move after the session timeout: keep it short for the test.
        Files.writeString(clientProps, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
        launch = AppLaunch.of(broker.bootstrapServers(), clientProps, SCENARIO, "it-" + name, in, out, dlq,
                dir.resolve("state"), logs);
        instances = new AppInstances(launch);
    }

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void startInitial_twoInstances_bothRunAndTogetherProcessEveryEvent() throws Exception {
        assertThat(instances.startInitial(2)).containsExactly("app-instance-1", "app-instance-2");
        assertThat(instances.awaitAllRunning(START)).isTrue();

        produceEvents(3000);

        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(instances.totals().processed()).isGreaterThanOrEqualTo(3000));
        // Both alive; which one processed the input depends on when the second joined the group.
        assertThat(instances.statuses().values()).allMatch(InstanceStatus::alive);
    }

    @Test
    void undecodableRecords_areCountedAndWrittenToTheDeadLetterTopicWithTheirSourceTopic() throws Exception {
        startRunning(1);

        produceEvents(100);
        producePoison(5);

        await().atMost(DEADLINE).untilAsserted(() -> {
            InstanceStatus totals = instances.totals();
            assertThat(totals.processed()).isGreaterThanOrEqualTo(100);
            assertThat(totals.deadLettered()).isEqualTo(5);
        });
        List<ConsumerRecord<byte[], byte[]>> dead = readCommitted(dlq, 5);
        assertThat(dead).hasSize(5);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).startsWith("not json");
        assertThat(dead.get(0).headers().lastHeader("__streams.errors.topic").value())
                .isEqualTo(in.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void kill_runningInstance_endsTheProcessWithSigkillAndKeepsItsLastCounts() throws Exception {
        startRunning(1);
        produceEvents(1000);
        await().atMost(DEADLINE).until(() -> instances.get("app-instance-1").status().processed() >= 1000);
        ChildJvmAppInstance first = (ChildJvmAppInstance) instances.get("app-instance-1");
        long pid = first.pid();
        long processed = first.status().processed();

        instances.kill("app-instance-1");

        assertThat(first.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(first.exitCode()).hasValue(137);
        assertThat(first.status().state()).isEqualTo(InstanceStatus.KILLED);
        assertThat(first.status().processed()).isEqualTo(processed);
    }

    @Test
    void kill_oneOfTwo_survivorTakesOverItsPartitionsAndProcessesAllNewInput() throws Exception {
        startRunning(2);
        // Both own partitions: each has processed some of input spread over every partition. All of it is processed
        // before the kill, so what the survivor processes afterwards is the new input only.
        produceEvents(2000);
        await().atMost(DEADLINE).until(() -> instances.statuses().values().stream().allMatch(s -> s.processed() > 0)
                && instances.totals().processed() >= 2000);

        instances.kill("app-instance-1");
        long survivorBefore = instances.get("app-instance-2").status().processed();
        produceEvents(2000);

        await().atMost(DEADLINE).until(() ->
                instances.get("app-instance-2").status().processed() >= survivorBefore + 2000);
        assertThat(instances.get("app-instance-2").status().rebalances()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void restart_killedInstance_runsAgainWithItsFirstLifesCountsKept() throws Exception {
        startRunning(1);
        produceEvents(1000);
        await().atMost(DEADLINE).until(() -> instances.totals().processed() >= 1000);
        AppInstance first = instances.get("app-instance-1");
        instances.kill("app-instance-1");
        long firstLife = first.status().processed();

        instances.restart("app-instance-1");

        assertThat(first.awaitRunning(START)).isTrue();
        assertThat(first.status().processed()).isGreaterThanOrEqualTo(firstLife);
        await().atMost(DEADLINE).until(() -> instances.totals().state().equals("1/1 RUNNING"));
        produceEvents(500);
        await().atMost(DEADLINE).until(() -> first.status().processed() >= firstLife + 500);
    }

    @Test
    void slowDownAll_twentyMsPerRecord_holdsTheInstanceToTheThrottleUntilItEnds() throws Exception {
        startRunning(1);
        AppInstance instance = instances.get("app-instance-1");
        // The same instance at full speed first, to compare with.
        produceEvents(2000);
        long fastFrom = System.nanoTime();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> instance.status().processed() >= 2000);
        double fastPerSecond = 2000 / seconds(System.nanoTime() - fastFrom);
        long before = instance.status().processed();

        instances.slowDownAll(Duration.ofMillis(20), Duration.ofSeconds(20));

        JsonNode reported = appStatus(instance);
        assertThat(reported.path("slowPerRecordMs").asDouble()).as(reported.toString()).isEqualTo(20.0);
        assertThat(reported.path("slowUntil").isTextual()).as(reported.toString()).isTrue();
        produceEvents(2000);
        // Measured between two counts seen while processing, so start-up of the fetch is not in it.
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> instance.status().processed() >= before + 10);
        long from = instance.status().processed();
        long slowFrom = System.nanoTime();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> instance.status().processed() >= from + 100);
        double slowSeconds = seconds(System.nanoTime() - slowFrom);
        JsonNode after = appStatus(instance);
        assertThat(after.path("slowPerRecordMs").asDouble()).as("still slowed at the end of the measurement: " + after)
                .isEqualTo(20.0);
        // One stream thread, 20ms before each record: 100 records take at least 2s (less 2 polls of 50ms).
        assertThat(slowSeconds).as("100 records while slowed").isGreaterThanOrEqualTo(1.9);
        assertThat(100 / slowSeconds).as("records/s slowed vs %.0f/s before", fastPerSecond)
                .isLessThan(fastPerSecond / 2);

        await().atMost(DEADLINE).until(() -> appStatus(instance).path("slowPerRecordMs").asDouble() == 0.0);
        await().atMost(DEADLINE).until(() -> instance.status().processed() >= before + 2000);
    }

    @Test
    void close_runningInstances_stopsThemCleanlyAndLeavesTheirLogs() throws Exception {
        startRunning(2);
        ChildJvmAppInstance first = (ChildJvmAppInstance) instances.get("app-instance-1");
        ChildJvmAppInstance second = (ChildJvmAppInstance) instances.get("app-instance-2");

        instances.close();

        assertThat(first.exitCode()).hasValue(0);
        assertThat(second.exitCode()).hasValue(0);
        assertThat(first.status().state()).isEqualTo(InstanceStatus.STOPPED);
        assertThat(second.status().state()).isEqualTo(InstanceStatus.STOPPED);
        assertThat(Files.readString(logs.resolve("app-instance-1.log")))
                .contains("streamsim-app metrics-port=", "streamsim-app state=RUNNING");
    }

    private void startRunning(int n) throws InterruptedException {
        instances.startInitial(n);
        assertThat(instances.awaitAllRunning(START)).as("%s (logs in %s)", instances.statuses(), logs).isTrue();
    }

    private void produceEvents(int n) {
        for (int i = 0; i < n; i++) {
            long id = nextId++;
            String page = "page-" + (id % 50);
            Instant t = T0.plusMillis(id * 10);
            ClickEvent e = new ClickEvent(id, t, page, "user-1", "session-1", "view", "direct", 100);
            producer.send(new ProducerRecord<>(in, null, t.toEpochMilli(), page, EventCodec.encode(e)));
        }
        producer.flush();
    }

    private void producePoison(int n) {
        for (int i = 0; i < n; i++) {
            producer.send(new ProducerRecord<>(in, "poison-" + i, ("not json " + i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    /** The instance's own {@code /control/status} answer, with the slow-down in force as the app sees it. */
    private JsonNode appStatus(AppInstance instance) throws Exception {
        int port = instance.metricsPort().orElseThrow(() -> new AssertionError(instance.name() + " has no port"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + MetricsServer.STATUS_PATH))
                .header(ControlToken.HEADER, launch.controlToken().value())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}

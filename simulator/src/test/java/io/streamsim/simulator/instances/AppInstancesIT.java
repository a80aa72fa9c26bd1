package io.streamsim.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.EventCodec;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two child-JVM instances of the baseline scenario's app (exactly_once_v2) on a real embedded broker. */
class AppInstancesIT {

    private static final Path SCENARIO = Path.of("..", "scenarios", "clickstream-baseline.yaml");
    private static final String IN = "it.events";
    private static final String OUT = "it.windows";
    private static final String DLQ = "it.events.dlq";
    /** Recent event times: old ones would fall to the topics' time retention mid-test. */
    private static final Instant T0 = Instant.now().minusSeconds(600);
    /** Kept after the run, for a failure's post-mortem. */
    private static final Path LOGS = Path.of("target", "app-instances-it-logs");

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static long nextId = 1;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        if (Files.isDirectory(LOGS)) {
            try (var files = Files.list(LOGS)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        broker = EmbeddedKafkaBroker.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(IN, 4, (short) 1), new NewTopic(OUT, 4, (short) 1),
                    new NewTopic(DLQ, 1, (short) 1))).all().get();
        }
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

    private static void produceEvents(int n) {
        for (int i = 0; i < n; i++) {
            long id = nextId++;
            String page = "page-" + (id % 50);
            Instant t = T0.plusMillis(id * 10);
            ClickEvent e = new ClickEvent(id, t, page, "user-1", "session-1", "view", "direct", 100);
            producer.send(new ProducerRecord<>(IN, null, t.toEpochMilli(), page, EventCodec.encode(e)));
        }
        producer.flush();
    }

    private static void producePoison(int n) {
        for (int i = 0; i < n; i++) {
            producer.send(new ProducerRecord<>(IN, "poison-" + i, ("not json " + i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Test
    void childInstances_process_crashAndHandOver_restart_deadLetter_andSlowDown() throws Exception {
        Path clientProps = dir.resolve("client.properties");
        // A killed instance's partitions move after the session timeout: keep it short for the test.
        Files.writeString(clientProps, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
        AppLaunch launch = AppLaunch.of(broker.bootstrapServers(), clientProps, SCENARIO, "it-app", IN, OUT, DLQ,
                dir.resolve("state"), LOGS);
        produceEvents(3000);
        producePoison(5);

        try (AppInstances instances = new AppInstances(launch)) {
            assertThat(instances.startInitial(2)).containsExactly("app-instance-1", "app-instance-2");
            assertThat(instances.awaitAllRunning(Duration.ofSeconds(60))).isTrue();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                InstanceStatus totals = instances.totals();
                assertThat(totals.processed()).isGreaterThanOrEqualTo(3000);
                assertThat(totals.deadLettered()).isEqualTo(5);
            });
            // Both alive; which one processed the pre-produced input depends on when the second joined the group.
            assertThat(instances.statuses().values()).allMatch(InstanceStatus::alive);
            List<ConsumerRecord<byte[], byte[]>> dead = readCommitted(DLQ, 5);
            assertThat(dead).hasSize(5);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).startsWith("not json");
            assertThat(dead.get(0).headers().lastHeader("__streams.errors.topic").value())
                    .isEqualTo(IN.getBytes(StandardCharsets.UTF_8));

            // Crash: a real SIGKILL, and the survivor takes over the dead instance's partitions.
            ChildJvmAppInstance first = (ChildJvmAppInstance) instances.get("app-instance-1");
            long firstPid = first.pid();
            long firstProcessed = instances.get("app-instance-1").status().processed();
            instances.kill("app-instance-1");
            assertThat(first.isAlive()).isFalse();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(first.exitCode()).hasValue(137);
            assertThat(first.status().state()).isEqualTo(InstanceStatus.KILLED);
            assertThat(first.status().processed()).isEqualTo(firstProcessed);
            long secondBefore = instances.get("app-instance-2").status().processed();
            produceEvents(2000);
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                    assertThat(instances.get("app-instance-2").status().processed())
                            .isGreaterThanOrEqualTo(secondBefore + 2000));
            assertThat(instances.get("app-instance-2").status().rebalances()).isGreaterThanOrEqualTo(2);

            // Restart with the same state dir: RUNNING again; totals keep the first life's counts.
            instances.restart("app-instance-1");
            assertThat(first.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(instances.totals().processed()).isGreaterThanOrEqualTo(5000);
            await().atMost(Duration.ofSeconds(30)).until(() -> instances.totals().state().equals("2/2 RUNNING"));

            // Slow consumer: 20ms per record caps both instances together at ~100 records/s.
            long before = instances.totals().processed();
            instances.slowDownAll(Duration.ofMillis(20), Duration.ofSeconds(4));
            produceEvents(2000);
            Thread.sleep(3000);
            long slowed = instances.totals().processed() - before;
            assertThat(slowed).isLessThan(1000);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(instances.totals().processed() - before).isGreaterThanOrEqualTo(2000));

            ChildJvmAppInstance second = (ChildJvmAppInstance) instances.get("app-instance-2");
            instances.close();
            assertThat(second.exitCode()).hasValue(0);
            assertThat(second.status().state()).isEqualTo(InstanceStatus.STOPPED);
            assertThat(first.exitCode()).hasValue(0);
        }
        assertThat(Files.readString(LOGS.resolve("app-instance-1.log")))
                .contains("streamsim-app metrics-port=", "streamsim-app state=RUNNING");
    }
}

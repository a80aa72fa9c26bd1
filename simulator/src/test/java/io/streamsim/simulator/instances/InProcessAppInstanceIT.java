package io.streamsim.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.EventCodec;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import io.streamsim.simulator.broker.TopicReadiness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances placed in the simulator's JVM ({@link AppInstances.Placement#IN_PROCESS}) on a real embedded broker:
 * the same app, config and endpoints as a child JVM, without a process. Each test uses its own topics and
 * application id.
 */
class InProcessAppInstanceIT {

    private static final Path SCENARIO = Path.of("..", "scenarios", "clickstream-baseline.yaml");
    /** Recent event times: old ones would fall to the topics' time retention mid-test. */
    private static final Instant T0 = Instant.now().minusSeconds(600);

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static long nextId = 1;

    @TempDir
    static Path dir;

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

    /** Fresh input, output and dead-letter topics named after {@code test}, and a launch that uses them. */
    private static AppLaunch launch(String test) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(test + ".events", 2, (short) 1),
                    new NewTopic(test + ".windows", 2, (short) 1),
                    new NewTopic(test + ".dlq", 1, (short) 1))).all().get();
            // Produced to before every partition's leader serves it, a first batch can get NOT_LEADER and its retry
            // then stays out of sequence for good (seen here: the test's flush never returned).
            TopicReadiness.awaitLeaders(admin, List.of(test + ".events", test + ".windows", test + ".dlq"),
                    Duration.ofSeconds(60));
        }
        return AppLaunch.of(broker.bootstrapServers(), null, SCENARIO, "it-" + test, test + ".events",
                test + ".windows", test + ".dlq", dir.resolve(test).resolve("state"), dir.resolve(test).resolve("logs"));
    }

    private static void produceEvents(String topic, int n) {
        for (int i = 0; i < n; i++) {
            long id = nextId++;
            String page = "page-" + (id % 50);
            Instant t = T0.plusMillis(id * 10);
            ClickEvent e = new ClickEvent(id, t, page, "user-1", "session-1", "view", "direct", 100);
            producer.send(new ProducerRecord<>(topic, null, t.toEpochMilli(), page, EventCodec.encode(e)));
        }
        producer.flush();
    }

    @Test
    void start_inputProduced_countsEveryRecordAsProcessed() throws Exception {
        AppLaunch launch = launch("counts");
        produceEvents("counts.events", 1500);
        try (AppInstances instances = AppInstances.of(launch, AppInstances.Placement.IN_PROCESS)) {
            instances.startInitial(1);
            assertThat(instances.awaitAllRunning(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(instances.totals().processed()).isEqualTo(1500));
            assertThat(instances.totals().state()).isEqualTo("1/1 RUNNING");
        }
    }

    @Test
    void metricsPort_whileRunning_servesTheInstancesMeters() throws Exception {
        AppLaunch launch = launch("metrics");
        try (AppInstances instances = AppInstances.of(launch, AppInstances.Placement.IN_PROCESS)) {
            instances.startInitial(1);
            assertThat(instances.awaitAllRunning(Duration.ofSeconds(60))).isTrue();
            int port = instances.metricsPorts().get("app-instance-1");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("streamsim_streams_state{", "instance=\"app-instance-1\"");
        }
    }

    @Test
    void kill_inProcess_isRefusedAndTheInstanceKeepsRunning() throws Exception {
        AppLaunch launch = launch("kill");
        try (AppInstances instances = AppInstances.of(launch, AppInstances.Placement.IN_PROCESS)) {
            instances.startInitial(1);
            assertThat(instances.awaitAllRunning(Duration.ofSeconds(60))).isTrue();
            assertThatThrownBy(() -> instances.kill("app-instance-1"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("--app-jvms");
            assertThat(instances.get("app-instance-1").isAlive()).isTrue();
        }
    }

    @Test
    void stopThenRestart_sameStateDir_runsAgainAndKeepsTheFirstLifesCounts() throws Exception {
        AppLaunch launch = launch("restart");
        produceEvents("restart.events", 800);
        try (AppInstances instances = AppInstances.of(launch, AppInstances.Placement.IN_PROCESS)) {
            instances.startInitial(1);
            assertThat(instances.awaitAllRunning(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(instances.totals().processed()).isEqualTo(800));

            instances.stop("app-instance-1");
            AppInstance instance = instances.get("app-instance-1");
            assertThat(instance.isAlive()).isFalse();
            assertThat(instance.exitCode()).hasValue(0);
            assertThat(instance.status().state()).isEqualTo(InstanceStatus.STOPPED);
            assertThat(instance.metricsPort()).isEmpty();
            // The stopped life's Kafka Streams threads used some CPU, and the dead life keeps it.
            Duration firstLifeCpu = instance.status().appThreadsCpu();
            assertThat(firstLifeCpu).isPositive();

            instances.restart("app-instance-1");
            assertThat(instance.awaitRunning(Duration.ofSeconds(60))).isTrue();
            produceEvents("restart.events", 200);
            // The first life committed on close, so the second processes only the new records.
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(instances.totals().processed()).isEqualTo(1000));
            assertThat(instance.status().rebalances()).isGreaterThanOrEqualTo(2);
            assertThat(instance.status().appThreadsCpu()).isGreaterThan(firstLifeCpu);
        }
    }
}

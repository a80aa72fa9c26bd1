package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.ScenarioRun;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import io.streamsim.simulator.broker.TopicReadiness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Historical event time, a backfill and a replay on one embedded broker that checks time retention every half
 * second: a control topic with Kafka's default retention loses a year-old record within seconds, the run's topics
 * keep every record, and the oracle is exact after the replay under exactly_once_v2.
 */
class TimeTravelIT {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path runs;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(Map.of("log.retention.check.interval.ms", "500"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void backfillThenReplay_historicalExactlyOnce_oracleExactBackfillMostlyLateAndNothingRetentionDeleted()
            throws Exception {
        Path file = Path.of("src/test/resources/scenarios/it-backfill-replay.yaml");
        Scenario scenario = ScenarioLoader.load(file);
        StringWriter console = new StringWriter();
        RunOptions options = new RunOptions(broker.bootstrapServers(), Map.of(), runs, "127.0.0.1", -1,
                Duration.ofSeconds(10), Duration.ofSeconds(90));
        RunResult result = new ScenarioRun(scenario, file, options, new PrintWriter(console), Clock.systemUTC())
                .execute();
        System.out.println(console);

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(s.faults()).allSatisfy(f -> assertThat(f.outcome()).startsWith("ok"));
        assertThat(s.eventTimeOrigin()).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
        assertThat(s.oracle().verdict()).as("after the replay every window's latest result is the oracle's")
                .isEqualTo("exact");
        assertThat(s.checks().inputMatchesAcked()).isTrue();
        assertThat(s.oracle().backfill().records()).isEqualTo(20_000);
        assertThat(s.oracle().backfill().recordsDroppedLate()).as("a backfill lands behind stream time")
                .isGreaterThan(10_000).isLessThan(20_000);

        assertThat(s.catchUps()).hasSize(2);
        RunSummary.CatchUp backfill = s.catchUps().get(0);
        assertThat(backfill.backfill().acked()).isEqualTo(20_000);
        assertThat(backfill.backfill().recordsDroppedLate()).isEqualTo(s.oracle().backfill().recordsDroppedLate());
        assertThat(backfill.catchUpSeconds()).isNotNull();
        RunSummary.CatchUp replay = s.catchUps().get(1);
        assertThat(replay.replay().restarted()).containsExactly("app-instance-1", "app-instance-2");
        assertThat(replay.replay().internalTopicsDeleted()).anyMatch(t -> t.endsWith("-changelog"));
        assertThat(replay.replay().recordsToReplay()).isGreaterThan(20_000);
        assertThat(replay.catchUpSeconds()).isNotNull();
        assertThat(replay.recordsProcessed()).as("the whole input again").isGreaterThan(20_000);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            awaitTimeRetentionDeletesAYearOldRecord(admin);
            String input = s.topics().input();
            assertThat(config(admin, input).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(RunTopics.offsets(admin, input, 3, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED))
                    .as("no input record deleted by time retention").allSatisfy((tp, offset) -> assertThat(offset).isZero());
            Set<String> topics = admin.listTopics().names().get();
            List<String> windowedChangelogs = topics.stream().filter(t -> t.endsWith("-changelog"))
                    .filter(t -> config(admin, t).get(TopicConfig.CLEANUP_POLICY_CONFIG).value().contains("delete"))
                    .toList();
            assertThat(windowedChangelogs).isNotEmpty();
            long behind = Duration.between(scenario.events().startTime(), Instant.now()).toMillis();
            for (String changelog : windowedChangelogs) {
                assertThat(Long.parseLong(config(admin, changelog).get(TopicConfig.RETENTION_MS_CONFIG).value()))
                        .as("%s keeps records as old as the run's event times", changelog).isGreaterThan(behind);
            }
        }
    }

    /** Proves the broker's retention check ran: a default-retention topic's year-old record is deleted. */
    private static void awaitTimeRetentionDeletesAYearOldRecord(Admin admin) throws Exception {
        String control = "time-retention-control";
        admin.createTopics(List.of(new NewTopic(control, 1, (short) 1))).all().get();
        TopicReadiness.awaitLeaders(admin, List.of(control), Duration.ofSeconds(30));
        long yearAgo = Instant.now().minus(Duration.ofDays(365)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(control, 0, yearAgo, null, "old".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        TopicPartition tp = new TopicPartition(control, 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (RunTopics.offsets(admin, control, 1, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED).get(tp)
                == 0) {
            assertThat(System.nanoTime()).as("time retention deleted the control record").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static Config config(Admin admin, String topic) {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return admin.describeConfigs(List.of(r)).all().get().get(r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

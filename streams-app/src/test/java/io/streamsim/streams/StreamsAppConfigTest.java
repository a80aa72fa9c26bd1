package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.SpecException;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppConfigTest {

    private static final TopologySpec TOPOLOGY = new TopologySpec(new WindowSpec.Tumbling(Duration.ofSeconds(10)),
            Duration.ofSeconds(5), EmitMode.FINAL, ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100));

    @TempDir
    Path stateDir;

    private StreamsAppConfig config(Map<String, Object> clientConfig) {
        return new StreamsAppConfig("streamsim-test", "instance-1", "127.0.0.1:1", clientConfig, TOPOLOGY,
                "test.events", "test.windows", 2, (short) 3, stateDir);
    }

    @Test
    void constructor_everyInvalidField_isReportedTogether() {
        assertThatThrownBy(() -> new StreamsAppConfig(" ", null, "", Map.of(), null, "t", "t", 0, (short) 0, null))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).problems())
                        .extracting(SpecException.Problem::path)
                        .containsExactlyInAnyOrder("applicationId", "instanceId", "bootstrapServers", "topology",
                                "outputTopic", "threads", "replicationFactor", "stateDir"));
    }

    @Test
    void constructor_clientConfig_isCopied() {
        Map<String, Object> clientConfig = new HashMap<>(Map.of("security.protocol", "SSL"));
        StreamsAppConfig config = config(clientConfig);

        clientConfig.put("security.protocol", "PLAINTEXT");

        assertThat(config.clientConfig()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void properties_comeFromTheSpec_andClientConfigOverrides() {
        Properties p = StreamsApp.properties(config(Map.of("security.protocol", "SASL_SSL",
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L)));

        assertThat(p)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "streamsim-test")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "INFO")
                .containsEntry("consumer.auto.offset.reset", "earliest")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L);
        assertThat((String) p.get(StreamsConfig.CLIENT_ID_CONFIG)).contains("instance-1");
    }

    @Test
    void constructor_deadLetterTopicLikeInputOrBlank_isRejected() {
        assertThatThrownBy(() -> new StreamsAppConfig("a", "i", "b:1", Map.of(), TOPOLOGY, "in", "out", 1, (short) 1,
                stateDir, "in"))
                .isInstanceOf(SpecException.class).hasMessageContaining("deadLetterTopic");
        assertThatThrownBy(() -> new StreamsAppConfig("a", "i", "b:1", Map.of(), TOPOLOGY, "in", "out", 1, (short) 1,
                stateDir, " "))
                .isInstanceOf(SpecException.class).hasMessageContaining("deadLetterTopic");
        assertThat(config(Map.of()).deadLetterTopic()).isNull();
    }

    @Test
    void properties_deadLetterTopic_setsKafkasDlqConfigAndOurHandler() {
        StreamsAppConfig config = new StreamsAppConfig("a", "i", "b:1", Map.of(), TOPOLOGY, "in", "out", 1, (short) 1,
                stateDir, "in.dlq");

        Properties props = StreamsApp.properties(config);

        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("in.dlq");
        assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandler.class.getName());
    }

    @Test
    void streamsApp_beforeStart_exposesStateGauges_andStatus_andRemovesGaugesOnClose() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (StreamsApp app = new StreamsApp(config(Map.of()), registry)) {
            assertThat(registry.get("streamsim.streams.state").tag("state", "CREATED").gauge().value()).isEqualTo(1);
            assertThat(registry.get("streamsim.streams.state").tag("state", "RUNNING").gauge().value()).isZero();
            assertThat(registry.get("streamsim.streams.kafka.dropped.records").gauge().value()).isZero();
            app.slowDown(Duration.ofMillis(3), Duration.ofSeconds(30));

            AppStatus status = app.status();

            assertThat(status.instance()).isEqualTo("instance-1");
            assertThat(status.state()).isEqualTo("CREATED");
            assertThat(status.slowPerRecord()).isEqualTo(Duration.ofMillis(3));
            assertThat(status.slowUntil()).isAfter(java.time.Instant.now().plusSeconds(20));
            assertThat(status.rebalances()).isZero();
            app.close(Duration.ofSeconds(5));
            assertThat(registry.find("streamsim.streams.state").gauges()).isEmpty();
        }
    }

    @Test
    void streamsApp_beforeStart_isCreatedWithNoDropsAndCloses() {
        try (StreamsApp app = new StreamsApp(config(Map.of()), new SimpleMeterRegistry())) {
            assertThat(app.state()).isEqualTo(KafkaStreams.State.CREATED);
            assertThat(app.droppedRecordsByKafka()).isZero();
            assertThat(app.meters().recordsProcessed()).isZero();
            assertThat(app.close(Duration.ofSeconds(5))).isTrue();
        }
    }
}

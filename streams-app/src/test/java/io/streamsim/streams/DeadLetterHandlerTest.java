package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.Event;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterHandlerTest {

    private static final String IN = "orders.events";
    private static final String OUT = "orders.windows";
    private static final String DLQ = "orders.events.dlq";
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    /**
     * at_least_once: the 4.3.1 TopologyTestDriver under exactly_once_v2 does not surface records that Kafka sends
     * from the deserialization path (the dead-letter record); AppInstancesIT checks that case on a real broker.
     */
    private static final TopologySpec EAGER = new TopologySpec(new WindowSpec.Tumbling(Duration.ofSeconds(10)),
            Duration.ofSeconds(5), EmitMode.EAGER, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofMillis(100));

    @TempDir
    Path stateDir;

    private final AppMeters meters = new AppMeters(new SimpleMeterRegistry(), "instance-1");
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> rawInput;
    private TestInputTopic<String, Event> input;
    private TestOutputTopic<String, WindowResult> output;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(String deadLetterTopic) {
        StreamsAppConfig config = new StreamsAppConfig("dlq-test", "instance-1", "unused:9092", Map.of(), EAGER,
                IN, OUT, 1, (short) 1, stateDir, deadLetterTopic);
        Properties props = StreamsApp.properties(config, meters);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(WindowedAggregation.build(EAGER, IN, OUT, meters,
                Clock.fixed(T0, ZoneOffset.UTC)), props, T0);
        rawInput = driver.createInputTopic(IN, new StringSerializer(), new ByteArraySerializer());
        input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());
        output = driver.createOutputTopic(OUT, new StringDeserializer(), StreamsimSerdes.windowResults().deserializer());
    }

    private void sendOrder(long id, Instant eventTime) {
        input.pipeInput(new TestRecord<>("seller-1", new OrderEvent(id, eventTime, "seller-1", "order-" + id,
                "customer-1", "sku-1", 1, 100, "EUR"), new RecordHeaders(), eventTime));
    }

    @Test
    void undecodableValue_withDeadLetterTopic_landsThereWithErrorHeaders_andProcessingGoesOn() {
        start(DLQ);
        byte[] poison = "this is not json".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));

        sendOrder(1, T0.plusSeconds(1));
        rawInput.pipeInput(new TestRecord<>("seller-1", poison, headers, T0.plusSeconds(2)));
        sendOrder(2, T0.plusSeconds(3));

        TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        TestRecord<byte[], byte[]> record = dead.get(0);
        assertThat(record.value()).isEqualTo(poison);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("seller-1");
        assertThat(header(record, "trace")).isEqualTo("abc");
        assertThat(header(record, DeadLetterHandler.HEADER_TOPIC)).isEqualTo(IN);
        assertThat(header(record, DeadLetterHandler.HEADER_PARTITION)).isEqualTo("0");
        assertThat(header(record, DeadLetterHandler.HEADER_OFFSET)).isEqualTo("1");
        assertThat(header(record, DeadLetterHandler.HEADER_EXCEPTION)).contains("SerializationException");
        assertThat(header(record, DeadLetterHandler.HEADER_MESSAGE)).isNotBlank();

        assertThat(output.readValuesToList()).extracting(WindowResult::count).containsExactly(1L, 2L);
        assertThat(meters.recordsDeadLettered()).isEqualTo(1);
        assertThat(meters.recordsDroppedUndecodable()).isZero();
        assertThat(meters.recordsProcessed()).isEqualTo(2);
    }

    @Test
    void undecodableValue_withoutDeadLetterTopic_isSkippedAndCounted() {
        start(null);

        rawInput.pipeInput(new TestRecord<>("seller-1", new byte[] {0, 1, 2}, new RecordHeaders(), T0));
        sendOrder(1, T0.plusSeconds(1));

        assertThat(output.readValuesToList()).extracting(WindowResult::count).containsExactly(1L);
        assertThat(meters.recordsDroppedUndecodable()).isEqualTo(1);
        assertThat(meters.recordsDeadLettered()).isZero();
    }


    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

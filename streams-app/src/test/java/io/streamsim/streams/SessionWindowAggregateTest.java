package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.Event;
import io.streamsim.model.Headers;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka 4.3.1's session windows at their boundaries, through the app's topology. Gap 10s throughout; times are
 * seconds after T0. The same cases run against the oracle's model in SessionWindowModelTest.
 */
class SessionWindowAggregateTest {

    private static final String IN = "orders.events";
    private static final String OUT = "orders.windows";
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
    private static final WindowSpec.Session GAP_10S = new WindowSpec.Session(Duration.ofSeconds(10));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AppMeters meters = new AppMeters(registry, "test-instance");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Event> input;
    private TestOutputTopic<String, WindowResult> output;
    private long nextId = 1;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(Duration grace, EmitMode emit) {
        TopologySpec spec = new TopologySpec(GAP_10S, grace, emit, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1));
        Topology topology = WindowedAggregation.build(spec, IN, OUT, meters, Clock.fixed(NOW, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "session-window-aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, T0);
        input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());
        output = driver.createOutputTopic(OUT, new StringDeserializer(), StreamsimSerdes.windowResults().deserializer());
    }

    private void send(String key, long atMs, long amountCents) {
        Instant eventTime = T0.plusMillis(atMs);
        OrderEvent order = new OrderEvent(nextId++, eventTime, key, "order-" + nextId, "customer-1", "sku-1", 1,
                amountCents, "EUR");
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.EMITTED_AT, Headers.encodeEpochMillis(NOW.minusSeconds(10).toEpochMilli()));
        input.pipeInput(new TestRecord<>(key, order, headers, eventTime));
    }

    private void sendWatermark(long atMs) {
        Instant at = T0.plusMillis(atMs);
        input.pipeInput(new TestRecord<>(Watermark.KEY, new Watermark(at), new RecordHeaders(), at));
    }

    private long kafkaDroppedRecords() {
        return StreamsApp.droppedRecordsTotal(driver.metrics());
    }

    /** (start s after T0, end, count, sum) of each result; a retraction has count 0. */
    private java.util.List<org.assertj.core.groups.Tuple> results() {
        return output.readValuesToList().stream()
                .map(r -> tuple(r.key(), r.windowStart().toEpochMilli() - T0.toEpochMilli(),
                        r.windowEnd().toEpochMilli() - T0.toEpochMilli(), r.count(), r.sum()))
                .toList();
    }

    @Test
    void eagerEmit_recordExactlyGapAfterTheLast_extendsTheSession() {
        start(Duration.ZERO, EmitMode.EAGER);

        send("a", 0, 1);
        send("a", 10_000, 2);

        assertThat(results()).containsExactly(
                tuple("a", 0L, 0L, 1L, 1L),
                tuple("a", 0L, 0L, 0L, 0L),
                tuple("a", 0L, 10_000L, 2L, 3L));
    }

    @Test
    void eagerEmit_recordGapPlusOneMsAfterTheLast_startsANewSession() {
        start(Duration.ZERO, EmitMode.EAGER);

        send("a", 0, 1);
        send("a", 10_001, 2);

        assertThat(results()).containsExactly(
                tuple("a", 0L, 0L, 1L, 1L),
                tuple("a", 10_001L, 10_001L, 1L, 2L));
    }

    @Test
    void eagerEmit_recordInsideASession_rewritesItAfterATombstone() {
        start(Duration.ZERO, EmitMode.EAGER);

        send("a", 0, 1);
        send("a", 5_000, 2);
        send("a", 3_000, 4);

        assertThat(results()).containsExactly(
                tuple("a", 0L, 0L, 1L, 1L),
                tuple("a", 0L, 0L, 0L, 0L),
                tuple("a", 0L, 5_000L, 2L, 3L),
                tuple("a", 0L, 5_000L, 0L, 0L),
                tuple("a", 0L, 5_000L, 3L, 7L));
    }

    @Test
    void eagerEmit_lateRecordBridgingTwoSessions_retractsBothAndEmitsTheMerged() {
        start(Duration.ofSeconds(15), EmitMode.EAGER);

        send("a", 0, 1);
        send("a", 20_000, 2);
        send("a", 10_000, 4);

        assertThat(results()).containsExactly(
                tuple("a", 0L, 0L, 1L, 1L),
                tuple("a", 20_000L, 20_000L, 1L, 2L),
                tuple("a", 0L, 0L, 0L, 0L),
                tuple("a", 20_000L, 20_000L, 0L, 0L),
                tuple("a", 0L, 20_000L, 3L, 7L));
        assertThat(meters.recordsDroppedLate()).isZero();
    }

    @Test
    void finalEmit_lateRecordBridgingTwoSessions_emitsOnlyTheMergedSession() {
        start(Duration.ofSeconds(15), EmitMode.FINAL);

        send("a", 0, 1);
        send("a", 20_000, 2);
        send("a", 10_000, 4);
        sendWatermark(50_000);

        assertThat(results()).containsExactly(tuple("a", 0L, 20_000L, 3L, 7L));
    }

    @Test
    void eagerEmit_lateRecordBetweenAClosedAndALiveSession_mergesOnlyWithTheLiveOne() {
        // stream time 20s - gap 10s - grace 5s = 5s: [0s;0s] has closed, so the store no longer lists it
        start(Duration.ofSeconds(5), EmitMode.EAGER);

        send("a", 0, 1);
        send("a", 20_000, 2);
        send("a", 10_000, 4);

        assertThat(results()).containsExactly(
                tuple("a", 0L, 0L, 1L, 1L),
                tuple("a", 20_000L, 20_000L, 1L, 2L),
                tuple("a", 20_000L, 20_000L, 0L, 0L),
                tuple("a", 10_000L, 20_000L, 2L, 6L));
    }

    @Test
    void lateRecord_mergedEndOnTheCloseTime_isAggregated() {
        start(Duration.ofSeconds(5), EmitMode.EAGER);

        send("b", 30_000, 1);
        send("a", 15_000, 2);

        assertThat(results()).extracting(t -> t.toList().get(0)).containsExactly("b", "a");
        assertThat(meters.recordsDroppedLate()).isZero();
        assertThat(kafkaDroppedRecords()).isZero();
    }

    @Test
    void lateRecord_mergedEndOneMsBeforeTheCloseTime_isDroppedOnce() {
        start(Duration.ofSeconds(5), EmitMode.EAGER);

        send("b", 30_000, 1);
        send("a", 14_999, 2);

        assertThat(results()).containsExactly(tuple("b", 30_000L, 30_000L, 1L, 1L));
        assertThat(meters.recordsDroppedLate()).isEqualTo(1);
        assertThat(kafkaDroppedRecords()).isEqualTo(1);
    }

    @Test
    void lateRecord_joiningALiveSession_isAggregatedThoughItsOwnTimeIsPastTheClose() {
        start(Duration.ofSeconds(5), EmitMode.EAGER);

        send("a", 16_000, 1);
        send("b", 30_000, 1);
        send("a", 6_000, 2);

        assertThat(results()).containsExactly(
                tuple("a", 16_000L, 16_000L, 1L, 1L),
                tuple("b", 30_000L, 30_000L, 1L, 1L),
                tuple("a", 16_000L, 16_000L, 0L, 0L),
                tuple("a", 6_000L, 16_000L, 2L, 3L));
        assertThat(kafkaDroppedRecords()).isZero();
    }

    @Test
    void lateRecord_nearASessionEndingExactlyAtTheClose_startsItsOwnSession() {
        // the store (retention gap + grace) no longer lists a session ending at streamTime - gap - grace
        start(Duration.ofSeconds(5), EmitMode.EAGER);

        send("a", 15_000, 1);
        send("b", 30_000, 1);
        send("a", 20_000, 2);

        assertThat(results()).containsExactly(
                tuple("a", 15_000L, 15_000L, 1L, 1L),
                tuple("b", 30_000L, 30_000L, 1L, 1L),
                tuple("a", 20_000L, 20_000L, 1L, 2L));
    }

    @Test
    void lateRecord_nearASessionEndingOneMsAfterTheClose_mergesIntoIt() {
        start(Duration.ofSeconds(5), EmitMode.EAGER);

        send("a", 15_001, 1);
        send("b", 30_000, 1);
        send("a", 20_000, 2);

        assertThat(results()).containsExactly(
                tuple("a", 15_001L, 15_001L, 1L, 1L),
                tuple("b", 30_000L, 30_000L, 1L, 1L),
                tuple("a", 15_001L, 15_001L, 0L, 0L),
                tuple("a", 15_001L, 20_000L, 2L, 3L));
    }

    @Test
    void finalEmit_recordAtTheCloseTimeOnAClosedOneRecordSession_overwritesItsResult() {
        // [15s;15s] is closed and no longer listed at stream time 30s, yet a record at 15s is not late: Kafka
        // writes a new [15s;15s] over the old one in the store, and the output's latest result loses the first record
        start(Duration.ofSeconds(5), EmitMode.FINAL);

        send("a", 15_000, 1);
        send("b", 30_000, 1);
        send("a", 15_000, 2);

        assertThat(results()).containsExactly(
                tuple("a", 15_000L, 15_000L, 1L, 1L),
                tuple("a", 15_000L, 15_000L, 1L, 2L));
        assertThat(kafkaDroppedRecords()).isZero();
    }

    @Test
    void finalEmit_sessionEmittedOnceStreamTimeReachesEndPlusGapPlusGrace() {
        start(Duration.ofSeconds(5), EmitMode.FINAL);

        send("a", 0, 1);
        send("b", 14_999, 1);
        assertThat(results()).isEmpty();

        send("b", 15_000, 1);
        assertThat(results()).containsExactly(tuple("a", 0L, 0L, 1L, 1L));
    }

    @Test
    void finalEmit_watermarkAtMaxEventTimePlusReachPlusGracePlus1ms_closesEverySession() {
        Duration grace = Duration.ofSeconds(5);
        start(grace, EmitMode.FINAL);

        send("a", 0, 1);
        send("b", 3_000, 1);
        send("a", 9_000, 1);
        long maxEventTimeMs = 9_000;
        sendWatermark(maxEventTimeMs + GAP_10S.reach().toMillis() + grace.toMillis() + 1);

        assertThat(results()).containsExactlyInAnyOrder(
                tuple("a", 0L, 9_000L, 2L, 2L),
                tuple("b", 3_000L, 3_000L, 1L, 1L));
    }

    @Test
    void finalEmit_watermarkOneMsShortOfGapPlusGrace_leavesTheLastSessionOpen() {
        Duration grace = Duration.ofSeconds(5);
        start(grace, EmitMode.FINAL);

        send("a", 9_000, 1);
        sendWatermark(9_000 + 10_000 + 5_000 - 1);

        assertThat(results()).isEmpty();
    }
}

package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.ClickEvent;
import io.streamsim.model.Event;
import io.streamsim.model.Headers;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.SequenceMeasure;
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
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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

class WindowedAggregationTest {

    private static final String IN = "orders.events";
    private static final String OUT = "orders.windows";
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
    private static final WindowSpec TUMBLING_10S = new WindowSpec.Tumbling(Duration.ofSeconds(10));
    private static final Duration GRACE_5S = Duration.ofSeconds(5);

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

    private void start(WindowSpec window, Duration grace, EmitMode emit) {
        TopologySpec spec = new TopologySpec(window, grace, emit, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1));
        Topology topology = WindowedAggregation.build(spec, IN, OUT, meters, Clock.fixed(NOW, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "windowed-aggregation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // Without the record cache every window update reaches the next processor at once.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(topology, props, T0);
        input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());
        output = driver.createOutputTopic(OUT, new StringDeserializer(), StreamsimSerdes.windowResults().deserializer());
    }

    private OrderEvent send(String seller, Instant eventTime, long amountCents) {
        return send(seller, eventTime, amountCents, NOW.minusSeconds(10));
    }

    private OrderEvent send(String seller, Instant eventTime, long amountCents, Instant emittedAt) {
        OrderEvent order = new OrderEvent(nextId++, eventTime, seller, "order-" + nextId, "customer-1", "sku-1", 1,
                amountCents, "EUR");
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.EMITTED_AT, Headers.encodeEpochMillis(emittedAt.toEpochMilli()));
        input.pipeInput(new TestRecord<>(seller, order, headers, eventTime));
        return order;
    }

    private void sendWatermark(Instant at) {
        input.pipeInput(new TestRecord<>(Watermark.KEY, new Watermark(at), new RecordHeaders(), at));
    }

    private long kafkaDroppedRecords() {
        return StreamsApp.droppedRecordsTotal(driver.metrics());
    }

    @Test
    void eagerEmit_eventAtExactlyWindowEnd_belongsToNextWindow() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.EAGER);

        send("seller-1", T0.plusSeconds(10), 100);

        List<WindowResult> results = output.readValuesToList();
        assertThat(results).hasSize(1);
        assertThat(results.get(0).windowStart()).isEqualTo(T0.plusSeconds(10));
        assertThat(results.get(0).windowEnd()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void eagerEmit_everyUpdateOfAWindow_isEmitted() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.EAGER);

        send("seller-1", T0.plusSeconds(1), 100);
        send("seller-1", T0.plusSeconds(2), 50);
        send("seller-1", T0.plusSeconds(3), 25);

        assertThat(output.readValuesToList())
                .extracting(WindowResult::count, WindowResult::sum)
                .containsExactly(
                        tuple(1L, 100L),
                        tuple(2L, 150L),
                        tuple(3L, 175L));
        assertThat(meters.windowResultsEmitted()).isEqualTo(3);
    }

    @Test
    void finalEmit_recordWhileStreamTimeInsideGrace_isAggregated() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.FINAL);

        send("seller-1", T0.plusSeconds(1), 100);
        send("seller-2", T0.plusMillis(14_999), 1);
        send("seller-1", T0.plusSeconds(3), 10);
        send("seller-2", T0.plusSeconds(15), 1);

        assertThat(output.readValuesToList())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo("seller-1");
                    assertThat(r.count()).isEqualTo(2);
                    assertThat(r.sum()).isEqualTo(110);
                });
        assertThat(meters.recordsDroppedLate()).isZero();
        assertThat(kafkaDroppedRecords()).isZero();
    }

    @Test
    void finalEmit_recordJustPastGrace_isDroppedAndCounted() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.FINAL);

        send("seller-1", T0.plusSeconds(1), 100);
        send("seller-2", T0.plusSeconds(15), 1);
        send("seller-1", T0.plusMillis(9_999), 10);

        assertThat(meters.recordsDroppedLate()).isEqualTo(1);
        assertThat(kafkaDroppedRecords()).isEqualTo(1);
        assertThat(meters.recordsProcessed()).isEqualTo(3);
        assertThat(registry.get("streamsim.streams.records.dropped").tag("reason", "late").counter().count())
                .isEqualTo(1.0);
        assertThat(output.readValuesToList())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo("seller-1");
                    assertThat(r.count()).isEqualTo(1);
                    assertThat(r.sum()).isEqualTo(100);
                });
    }

    @Test
    void finalEmit_oneResultPerWindow_onlyOnceStreamTimeReachesEndPlusGrace() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.FINAL);

        send("seller-1", T0.plusSeconds(1), 100);
        send("seller-1", T0.plusSeconds(2), 100);
        send("seller-2", T0.plusSeconds(12), 7);
        send("seller-2", T0.plusMillis(14_999), 7);
        assertThat(output.isEmpty()).isTrue();

        send("seller-2", T0.plusSeconds(15), 7);

        List<WindowResult> results = output.readValuesToList();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("seller-1");
            assertThat(r.windowStart()).isEqualTo(T0);
            assertThat(r.windowEnd()).isEqualTo(T0.plusSeconds(10));
            assertThat(r.count()).isEqualTo(2);
        });

        send("seller-2", T0.plusSeconds(16), 7);
        assertThat(output.isEmpty()).isTrue();
    }

    @Test
    void finalEmit_watermark_flushesFinalResultsAndNeverAppearsInOutput() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.FINAL);

        send("seller-1", T0.plusSeconds(1), 100);
        send("seller-2", T0.plusSeconds(11), 200);
        send("seller-1", T0.plusSeconds(14), 300);
        assertThat(output.isEmpty()).isTrue();

        sendWatermark(T0.plus(Duration.ofHours(1)));

        List<WindowResult> results = output.readValuesToList();
        assertThat(results).extracting(WindowResult::key, WindowResult::windowStart)
                .containsExactlyInAnyOrder(
                        tuple("seller-1", T0),
                        tuple("seller-2", T0.plusSeconds(10)),
                        tuple("seller-1", T0.plusSeconds(10)));
        assertThat(results).extracting(WindowResult::key).doesNotContain(Watermark.KEY);
        assertThat(meters.recordsProcessed()).isEqualTo(3);
        assertThat(meters.windowResultsEmitted()).isEqualTo(3);
    }

    @Test
    void eagerEmit_watermark_neverAppearsInOutput() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.EAGER);

        sendWatermark(T0.plus(Duration.ofHours(1)));

        assertThat(output.isEmpty()).isTrue();
        assertThat(meters.recordsProcessed()).isZero();
    }

    @Test
    void hoppingWindows_recordLandsInSizeOverAdvanceWindows() {
        start(new WindowSpec.Hopping(Duration.ofSeconds(12), Duration.ofSeconds(4)), GRACE_5S, EmitMode.EAGER);

        send("seller-1", T0.plusSeconds(13), 100);

        assertThat(output.readValuesToList())
                .extracting(WindowResult::windowStart, WindowResult::windowEnd)
                .containsExactlyInAnyOrder(
                        tuple(T0.plusSeconds(4), T0.plusSeconds(16)),
                        tuple(T0.plusSeconds(8), T0.plusSeconds(20)),
                        tuple(T0.plusSeconds(12), T0.plusSeconds(24)));
    }

    @Test
    void hoppingWindows_lateRecord_countsOneDropPerClosedWindowLikeKafka() {
        start(new WindowSpec.Hopping(Duration.ofSeconds(10), Duration.ofSeconds(5)), Duration.ZERO, EmitMode.EAGER);

        send("seller-1", T0.plusSeconds(20), 1);
        send("seller-1", T0.plusSeconds(12), 1);
        send("seller-1", T0.plusSeconds(16), 1);

        // 12s: [5;15) and [10;20) both end <= 20 - 0; 16s: [10;20) closed, [15;25) still open.
        assertThat(meters.recordsDroppedLate()).isEqualTo(3);
        assertThat(kafkaDroppedRecords()).isEqualTo(meters.recordsDroppedLate());
    }

    @Test
    void finalEmit_result_carriesCountSumAndChecksumOfWhatWasSent() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.FINAL);
        Instant latestEmittedAt = NOW.minusSeconds(3);

        List<OrderEvent> sent = List.of(
                send("seller-1", T0.plusSeconds(1), 1_000, NOW.minusSeconds(9)),
                send("seller-1", T0.plusSeconds(4), 250, latestEmittedAt),
                send("seller-1", T0.plusSeconds(2), 75, NOW.minusSeconds(5)),
                send("seller-1", T0.plusMillis(9_999), 1, NOW.minusSeconds(4)));
        sendWatermark(T0.plus(Duration.ofHours(1)));

        long expectedChecksum = 0;
        for (OrderEvent e : sent) {
            expectedChecksum += WindowResult.idHash(e.id());
        }
        long checksum = expectedChecksum;
        assertThat(output.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.count()).isEqualTo(4);
            assertThat(r.sum()).isEqualTo(1_326);
            assertThat(r.idChecksum()).isEqualTo(checksum);
            assertThat(r.lastEmittedAt()).isEqualTo(latestEmittedAt);
        });
        assertThat(meters.resultLatency().count()).isEqualTo(1);
        assertThat(meters.resultLatency().max(TimeUnit.MILLISECONDS)).isEqualTo(3_000.0);
    }

    @Test
    void eagerEmit_clickEvents_sumDwellTime() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.EAGER);
        ClickEvent click = new ClickEvent(42, T0.plusSeconds(1), "page-00001", "user-1", "session-1", "view",
                "direct", 1_500);

        input.pipeInput(new TestRecord<>(click.page(), click, new RecordHeaders(), click.eventTime()));

        assertThat(output.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("page-00001");
            assertThat(r.sum()).isEqualTo(1_500);
            assertThat(r.idChecksum()).isEqualTo(WindowResult.idHash(42));
        });
    }

    @Test
    void finalEmit_tumblingClicks_carryTheSequenceMeasureWhateverTheArrivalOrder() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.FINAL);
        String[][] clicks = {{"7", "purchase"}, {"5", "view"}, {"1", "view"}, {"2", "scroll"}};
        for (String[] c : clicks) {
            Instant at = T0.plusSeconds(Long.parseLong(c[0]));
            ClickEvent click = new ClickEvent(nextId++, at, "page-1", "user-1", "session-1", c[1], "direct", 1);
            input.pipeInput(new TestRecord<>(click.page(), click, new RecordHeaders(), at));
        }
        sendWatermark(T0.plusSeconds(30));

        assertThat(output.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.sequence()).isEqualTo(new SequenceMeasure(2, 1, T0.plusSeconds(1).toEpochMilli(),
                    T0.plusSeconds(5).toEpochMilli(), T0.plusSeconds(7).toEpochMilli()));
            assertThat(r.sequence().viewedTwiceBeforePurchase()).isTrue();
        });
    }

    @Test
    void lateness_isObservedStreamTimeMinusEventTime_inSeconds() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.FINAL);

        send("seller-1", T0.plusSeconds(12), 1);
        send("seller-1", T0.plusSeconds(3), 1);
        send("seller-1", T0.plusMillis(12_500), 1);

        assertThat(meters.eventLateness().count()).isEqualTo(3);
        assertThat(meters.eventLateness().max()).isEqualTo(9.0);
        assertThat(meters.eventLateness().totalAmount()).isEqualTo(9.0);
    }

    @Test
    void nullKey_isDroppedBeforeTheAggregation_withoutMovingStreamTime() {
        start(TUMBLING_10S, GRACE_5S, EmitMode.EAGER);
        OrderEvent order = new OrderEvent(1, T0.plusSeconds(100), "seller-1", "o", "c", "s", 1, 1, "EUR");

        input.pipeInput(new TestRecord<>(null, order, new RecordHeaders(), order.eventTime()));
        send("seller-1", T0.plusSeconds(1), 1);

        assertThat(meters.recordsDroppedNullKeyOrValue()).isEqualTo(1);
        assertThat(meters.recordsDroppedLate()).isZero();
        assertThat(output.readValuesToList()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(1));
    }

    @Test
    void topology_keyUnchangedBeforeAggregation_hasNoRepartitionTopic() {
        TopologySpec spec = new TopologySpec(TUMBLING_10S, GRACE_5S, EmitMode.FINAL,
                ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100));

        String description = WindowedAggregation.build(spec, IN, OUT, meters).describe().toString();

        assertThat(description).doesNotContain("repartition").contains("inspect", WindowedAggregation.STORE);
    }

    @Test
    void throttle_slowedDown_isConsultedOncePerInputRecord() {
        java.util.List<Long> sleeps = new java.util.ArrayList<>();
        ProcessingThrottle throttle = new ProcessingThrottle(() -> 0L, sleeps::add);
        throttle.slowDown(Duration.ofMillis(2), Duration.ofSeconds(10));
        TopologySpec spec = new TopologySpec(TUMBLING_10S, GRACE_5S, EmitMode.EAGER,
                ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "windowed-aggregation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(WindowedAggregation.build(spec, IN, OUT, meters,
                Clock.fixed(NOW, ZoneOffset.UTC), throttle), props, T0);
        input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());

        send("seller-1", T0.plusSeconds(1), 100);
        send("seller-2", T0.plusSeconds(2), 100);

        assertThat(sleeps).containsExactly(2_000_000L, 2_000_000L);
    }
}

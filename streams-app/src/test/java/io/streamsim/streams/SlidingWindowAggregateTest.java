package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.ClickEvent;
import io.streamsim.model.Event;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kafka 4.3.1's sliding windows at their boundaries, through the app's topology. TimeDifference 10s throughout. */
class SlidingWindowAggregateTest {

    private static final String IN = "clicks";
    private static final String OUT = "windows";
    private static final long T0 = 1_700_000_000_000L;
    private static final WindowSpec SLIDING_10S = new WindowSpec.Sliding(Duration.ofSeconds(10));

    private final AppMeters meters = new AppMeters(new SimpleMeterRegistry(), "test");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Event> input;
    private TestOutputTopic<String, WindowResult> output;
    private long nextId = 1;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(Duration grace, EmitMode emit) {
        TopologySpec spec = new TopologySpec(SLIDING_10S, grace, emit, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sliding-window-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(WindowedAggregation.build(spec, IN, OUT, meters,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)), props, Instant.EPOCH);
        input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());
        output = driver.createOutputTopic(OUT, new StringDeserializer(), StreamsimSerdes.windowResults().deserializer());
    }

    private void send(String key, long ts, String action) {
        ClickEvent click = new ClickEvent(nextId++, Instant.ofEpochMilli(ts), key, "u-1", "s-1", action, "direct", 1);
        input.pipeInput(new TestRecord<>(key, click, new RecordHeaders(), ts));
    }

    private void send(long ts) {
        send("p", ts, "click");
    }

    /** The latest result per window start, as an offset from {@code origin}, in first-emission order. */
    private Map<Long, WindowResult> latest(long origin) {
        Map<Long, WindowResult> latest = new LinkedHashMap<>();
        for (WindowResult r : output.readValuesToList()) {
            latest.put(r.windowStart().toEpochMilli() - origin, r);
        }
        return latest;
    }

    private long kafkaDropped() {
        return StreamsApp.droppedRecordsTotal(driver.metrics());
    }

    @Test
    void eager_recordsExactlyTimeDifferenceApart_shareAWindowWithBothBoundsIncluded() {
        start(Duration.ZERO, EmitMode.EAGER);

        send(T0);
        send(T0 + 10_000);

        Map<Long, WindowResult> windows = latest(T0);
        assertThat(windows.get(0L).count()).as("[0s;10s]").isEqualTo(2);
        assertThat(windows.get(0L).windowEnd()).as("the end written is Kafka's inclusive end")
                .isEqualTo(Instant.ofEpochMilli(T0 + 10_000));
        assertThat(windows.get(-10_000L).count()).as("[-10s;0s]").isEqualTo(1);
        assertThat(windows.get(1L).count()).as("[0.001s;10.001s], the right window of 0s").isEqualTo(1);
        assertThat(windows).hasSize(3);
    }

    @Test
    void eager_recordsTimeDifferencePlusOneApart_shareNoWindow() {
        start(Duration.ZERO, EmitMode.EAGER);

        send(T0);
        send(T0 + 10_001);

        assertThat(latest(T0)).hasSize(2).allSatisfy((start, r) -> assertThat(r.count()).isEqualTo(1))
                .containsKeys(-10_000L, 1L);
    }

    @Test
    void eager_recordsAt0And10And10_001_makeTheWindowsTheJavadocNames() {
        start(Duration.ZERO, EmitMode.EAGER);

        send(0);
        send(10_000);
        send(10_001);

        assertThat(latest(0).entrySet()).extracting(e -> e.getKey(), e -> e.getValue().count())
                .containsExactlyInAnyOrder(tuple(0L, 2L), tuple(1L, 2L), tuple(10_001L, 1L));
    }

    @Test
    void eager_earlyRecordBeforeTimeDifference_goesIntoTheWindowFromZero() {
        start(Duration.ZERO, EmitMode.EAGER);

        send(3_000);
        send(5_000);

        assertThat(latest(0).entrySet()).extracting(e -> e.getKey(), e -> e.getValue().count())
                .as("both in [0s;10s], and the right window of 3s holds 5s")
                .containsExactlyInAnyOrder(tuple(0L, 2L), tuple(3_001L, 1L));
    }

    @Test
    void eager_lateRecordWithinGrace_updatesExistingWindowsAndMakesItsOwn() {
        start(Duration.ofSeconds(5), EmitMode.EAGER);
        send(T0 + 20_000);
        send(T0 + 30_000);
        output.readValuesToList();

        send(T0 + 22_000); // stream time 30s, closeTime 25s: its left window [12s;22s] ends before closeTime

        Map<Long, WindowResult> windows = latest(T0);
        assertThat(windows.get(20_000L).count()).as("[20s;30s] updated").isEqualTo(3);
        assertThat(windows.get(20_001L).count()).as("the right window of 20s, updated: 22s and 30s").isEqualTo(2);
        assertThat(windows.get(22_001L).count()).as("its own right window, made: it holds 30s").isEqualTo(1);
        assertThat(windows).doesNotContainKey(12_000L);
        assertThat(meters.recordsDroppedLate()).as("one drop: its own left window [12s;22s]").isEqualTo(1);
        assertThat(kafkaDropped()).isEqualTo(1);
    }

    @Test
    void eager_recordsAroundTheGraceEdge_aggregatedWhileTheirLeftWindowEndsAtCloseTimeOrLater() {
        start(Duration.ofSeconds(5), EmitMode.EAGER);
        send("a", T0 + 30_000, "click"); // closeTime 25s
        output.readValuesToList();

        send("b", T0 + 25_000, "click"); // left window [15s;25s] ends at closeTime: aggregated
        send("c", T0 + 24_999, "click"); // ends 1ms before: one drop
        send("d", T0 + 15_000, "click"); // 15s + timeDifference = closeTime: not dropped whole, but its window is
        send("e", T0 + 14_999, "click"); // dropped whole: one drop

        assertThat(output.readValuesToList()).extracting(WindowResult::key, r -> r.windowStart().toEpochMilli() - T0)
                .containsExactly(tuple("b", 15_000L));
        assertThat(meters.recordsDroppedLate()).isEqualTo(3);
        assertThat(kafkaDropped()).isEqualTo(3);
    }

    @Test
    void eager_veryLateRecord_doesNotSeeWindowsPastTheStoreRetention() {
        start(Duration.ZERO, EmitMode.EAGER); // retention 2 x 10s + 0
        send("a", T0 + 80_000, "click");      // window [70s;80s]
        send("b", T0 + 100_000, "click");     // the store's latest window start: 90s, so it hides starts below 70.001s

        send("a", T0 + 90_000, "click");      // would find [70s;80s] and make the right window of 80s: it does not

        assertThat(kafkaDropped()).as("its left window only, not the right window of 80s too").isEqualTo(1);
        assertThat(meters.recordsDroppedLate()).isEqualTo(1);
    }

    @Test
    void final_windowEndingExactlyAtCloseTime_isEmittedAgainWhenALateRecordUpdatesIt() {
        start(Duration.ZERO, EmitMode.FINAL);
        send("p", T0 + 10_000, "click");
        send("q", T0 + 20_000, "click"); // stream time 20s: windows ending at 20s or before are final
        assertThat(output.readValuesToList()).extracting(WindowResult::key, WindowResult::count)
                .containsExactly(tuple("p", 1L), tuple("q", 1L));

        send("q", T0 + 15_000, "click"); // [10s;20s] ends at closeTime: the aggregation still updates it

        assertThat(output.readValuesToList())
                .extracting(WindowResult::key, r -> r.windowStart().toEpochMilli() - T0, WindowResult::count)
                .containsExactly(tuple("q", 10_000L, 2L));
        assertThat(meters.recordsDroppedLate()).as("its own left window [5s;15s]").isEqualTo(1);
    }

    @Test
    void eager_everyUpdateIsEmitted_finalOnlyClosedWindows() {
        start(Duration.ZERO, EmitMode.EAGER);
        send(T0);
        send(T0 + 1_000);
        assertThat(output.readValuesToList())
                .extracting(r -> r.windowStart().toEpochMilli() - T0, WindowResult::count)
                .as("[-10s;0s]; then the right window of 0s and the left window of 1s")
                .containsExactly(tuple(-10_000L, 1L), tuple(1L, 1L), tuple(-9_000L, 2L));

        close();
        output = null;
        start(Duration.ofSeconds(5), EmitMode.FINAL);
        send(T0);
        send(T0 + 1_000);
        assertThat(output.readValuesToList()).as("nothing has closed at stream time 1s").isEmpty();
        send(T0 + 5_000);
        assertThat(output.readValuesToList()).as("[-10s;0s] closes at 0s + grace")
                .extracting(r -> r.windowStart().toEpochMilli() - T0, WindowResult::count)
                .containsExactly(tuple(-10_000L, 1L));
    }

    @Test
    void final_sequenceMeasure_twoViewsBeforeAPurchase() {
        start(Duration.ZERO, EmitMode.FINAL);
        send("p", T0 + 3_000, "purchase");
        send("p", T0 + 1_000, "view");
        send("p", T0 + 2_000, "view");
        send("q", T0 + 60_000, "click");

        WindowResult window = latest(T0).get(-7_000L);
        assertThat(window.count()).as("[-7s;3s]").isEqualTo(3);
        assertThat(window.sequence().views()).isEqualTo(2);
        assertThat(window.sequence().secondViewMs()).isEqualTo(T0 + 2_000);
        assertThat(window.sequence().firstPurchaseMs()).isEqualTo(T0 + 3_000);
        assertThat(window.sequence().viewedTwiceBeforePurchase()).isTrue();
    }
}

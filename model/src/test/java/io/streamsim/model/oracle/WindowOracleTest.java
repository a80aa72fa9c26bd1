package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.EventCodec;
import io.streamsim.model.SequenceMeasure;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowOracleTest {

    private static final WindowSpec TUMBLING_10S = new WindowSpec.Tumbling(Duration.ofSeconds(10));
    private static final WindowSpec HOPPING_10S_5S = new WindowSpec.Hopping(Duration.ofSeconds(10), Duration.ofSeconds(5));

    private final Map<Integer, Long> nextOffset = new HashMap<>();
    private WindowOracle oracle;

    private static TopologySpec spec(WindowSpec window, Duration grace) {
        return new TopologySpec(window, grace, EmitMode.FINAL, ProcessingGuarantee.EXACTLY_ONCE_V2,
                Duration.ofMillis(100));
    }

    private void start(WindowSpec window, Duration grace) {
        oracle = new WindowOracle(spec(window, grace));
    }

    private void send(int partition, String key, long timestampMs, long id, long amount) {
        OrderEvent order = new OrderEvent(id, Instant.ofEpochMilli(timestampMs), key, "o-" + id, "c", "s", 1, amount, "EUR");
        raw(partition, timestampMs, key, EventCodec.encode(order));
    }

    private void send(String key, long timestampMs, long id) {
        send(0, key, timestampMs, id, 1);
    }

    private void raw(int partition, long timestampMs, String key, byte[] value) {
        long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
        oracle.accept(partition, offset, timestampMs, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private ExpectedWindow window(String key, long startMs) {
        return oracle.result().windows().get(new WindowKey(key, startMs));
    }

    @Test
    void accept_recordPastGrace_isDroppedFromItsWindowAndCounted() {
        start(TUMBLING_10S, Duration.ofSeconds(5));

        send("k", 1_000, 1);
        send("other", 15_000, 2);
        send("k", 9_999, 3);

        Expectation e = oracle.result();
        assertThat(e.droppedLate()).isEqualTo(1);
        assertThat(e.lateRecords()).isEqualTo(1);
        assertThat(window("k", 0)).isEqualTo(new ExpectedWindow(1, 1, WindowResult.idHash(1), 10_000));
        assertThat(e.events()).isEqualTo(3);
    }

    @Test
    void accept_recordWhileStreamTimeJustInsideGrace_isAggregated() {
        start(TUMBLING_10S, Duration.ofSeconds(5));

        send("k", 1_000, 1);
        send("other", 14_999, 2);
        send("k", 9_999, 3);

        assertThat(oracle.result().droppedLate()).isZero();
        assertThat(window("k", 0).count()).isEqualTo(2);
    }

    @Test
    void accept_zeroGrace_recordAtWindowEndClosesIt() {
        start(TUMBLING_10S, Duration.ZERO);

        send("k", 1_000, 1);
        send("k", 10_000, 2);
        send("k", 5_000, 3);

        assertThat(oracle.result().droppedLate()).isEqualTo(1);
        assertThat(window("k", 0).count()).isEqualTo(1);
        assertThat(window("k", 10_000).count()).isEqualTo(1);
    }

    @Test
    void accept_streamTimeMovesBeforeTheCheck_soARecordCanNeverCloseItsOwnWindow() {
        start(TUMBLING_10S, Duration.ZERO);

        send("k", 9_999, 1);

        assertThat(oracle.result().droppedLate()).isZero();
        assertThat(oracle.streamTime(0)).isEqualTo(9_999);
    }

    @Test
    void accept_hoppingLateRecord_countsOneDropPerClosedWindow() {
        start(HOPPING_10S_5S, Duration.ZERO);

        send("k", 20_000, 1);
        send("k", 12_000, 2);
        send("k", 16_000, 3);

        Expectation e = oracle.result();
        assertThat(e.droppedLate()).isEqualTo(3);
        assertThat(e.lateRecords()).isEqualTo(2);
        assertThat(window("k", 15_000).count()).isEqualTo(2);
        assertThat(window("k", 20_000).count()).isEqualTo(1);
        assertThat(window("k", 10_000)).isNull();
        assertThat(e.contributions()).isEqualTo(3);
    }

    @Test
    void accept_hoppingRecordNearEpoch_isOnlyInWindowsStartingAtOrAfterZero() {
        start(HOPPING_10S_5S, Duration.ZERO);

        send("k", 3_000, 1);

        assertThat(oracle.result().windows()).containsOnlyKeys(new WindowKey("k", 0));
    }

    @Test
    void accept_streamTimeIsPerPartition() {
        start(TUMBLING_10S, Duration.ZERO);

        send(1, "k", 100_000, 1, 1);
        send(0, "k", 1_000, 2, 1);

        assertThat(oracle.result().droppedLate()).isZero();
        assertThat(oracle.streamTime(0)).isEqualTo(1_000);
        assertThat(oracle.streamTime(1)).isEqualTo(100_000);
    }

    @Test
    void accept_undecodableValue_isCountedAsPoisonWithoutMovingStreamTime() {
        start(TUMBLING_10S, Duration.ZERO);

        raw(0, 100_000, "k", "not json".getBytes(StandardCharsets.UTF_8));
        raw(0, 100_000, "k", "{\"type\":\"order\"}".getBytes(StandardCharsets.UTF_8));
        send("k", 1_000, 1);

        Expectation e = oracle.result();
        assertThat(e.poisonRecords()).isEqualTo(2);
        assertThat(e.droppedLate()).isZero();
        assertThat(e.recordsRead()).isEqualTo(3);
        assertThat(window("k", 0).count()).isEqualTo(1);
    }

    @Test
    void accept_nullKeyOrValue_isIgnoredWithoutMovingStreamTime() {
        start(TUMBLING_10S, Duration.ZERO);
        byte[] far = EventCodec.encode(new OrderEvent(9, Instant.ofEpochMilli(100_000), "k", "o", "c", "s", 1, 1, "EUR"));

        raw(0, 100_000, null, far);
        raw(0, 100_000, "k", null);
        send("k", 1_000, 1);

        Expectation e = oracle.result();
        assertThat(e.nullKeyOrValueRecords()).isEqualTo(2);
        assertThat(e.droppedLate()).isZero();
        assertThat(e.events()).isEqualTo(1);
    }

    @Test
    void accept_watermark_movesStreamTimeButIsNeitherExpectedNorCountedAsEvent() {
        start(TUMBLING_10S, Duration.ofSeconds(5));
        long at = 1_000_000;

        send("k", 1_000, 1);
        raw(0, at, Watermark.KEY, EventCodec.encode(new Watermark(Instant.ofEpochMilli(at))));
        send("k", 2_000, 2);

        Expectation e = oracle.result();
        assertThat(e.windows()).containsOnlyKeys(new WindowKey("k", 0));
        assertThat(e.watermarks()).isEqualTo(1);
        assertThat(e.events()).isEqualTo(2);
        assertThat(e.droppedLate()).isEqualTo(1);
        assertThat(window("k", 0).count()).isEqualTo(1);
    }

    @Test
    void accept_duplicateId_countsAgain_likeTheApp() {
        start(TUMBLING_10S, Duration.ZERO);

        send(0, "k", 1_000, 7, 10);
        send(0, "k", 2_000, 7, 10);

        assertThat(window("k", 0)).isEqualTo(new ExpectedWindow(2, 20, 2 * WindowResult.idHash(7), 10_000));
    }

    @Test
    void accept_recordTimestampDecides_notTheEventTimeInTheValue() {
        start(TUMBLING_10S, Duration.ZERO);
        byte[] value = EventCodec.encode(new OrderEvent(1, Instant.ofEpochMilli(55_000), "k", "o", "c", "s", 1, 1, "EUR"));

        raw(0, 1_000, "k", value);

        assertThat(oracle.result().windows()).containsOnlyKeys(new WindowKey("k", 0));
    }

    @Test
    void resetStreamTime_lateRecordAfterTheReset_isAggregated() {
        start(TUMBLING_10S, Duration.ZERO);
        send("k", 50_000, 1);
        send("k", 1_000, 2);
        assertThat(oracle.result().droppedLate()).isEqualTo(1);

        oracle.resetStreamTime(0);
        send("k", 1_500, 3);

        assertThat(oracle.streamTime(0)).isEqualTo(1_500);
        assertThat(oracle.result().droppedLate()).isEqualTo(1);
        assertThat(window("k", 0)).isEqualTo(new ExpectedWindow(1, 1, WindowResult.idHash(3), 10_000));
    }

    @Test
    void resetStreamTime_unknownPartition_isHarmless() {
        start(TUMBLING_10S, Duration.ZERO);

        oracle.resetStreamTime(3);

        assertThat(oracle.streamTime(3)).isEqualTo(-1);
    }

    @Test
    void accept_offsetNotAboveThePrevious_isRejected() {
        start(TUMBLING_10S, Duration.ZERO);
        byte[] value = EventCodec.encode(new OrderEvent(1, Instant.ofEpochMilli(1), "k", "o", "c", "s", 1, 1, "EUR"));
        oracle.accept(0, 5, 1, "k".getBytes(StandardCharsets.UTF_8), value);

        assertThatThrownBy(() -> oracle.accept(0, 5, 1, "k".getBytes(StandardCharsets.UTF_8), value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset order");
    }

    @Test
    void tracedWindow_keepsAggregatedAndDroppedIds() {
        oracle = new WindowOracle(spec(TUMBLING_10S, Duration.ZERO), w -> w.windowStartMs() == 0);

        send("k", 1_000, 1);
        send("k", 1_000, 1);
        send("k", 20_000, 2);
        send("k", 3_000, 3);

        Expectation e = oracle.result();
        assertThat(e.trace(new WindowKey("k", 0))).hasValue(new WindowTrace(List.of(1L, 1L), List.of(3L)));
        assertThat(e.trace(new WindowKey("k", 20_000))).isEmpty();
    }

    @Test
    void result_isASnapshot() {
        start(TUMBLING_10S, Duration.ZERO);
        send("k", 1_000, 1);
        Expectation before = oracle.result();

        send("k", 2_000, 2);

        assertThat(before.windows().get(new WindowKey("k", 0)).count()).isEqualTo(1);
        assertThat(before.windowEnd(new WindowKey("k", 0))).isEqualTo(Instant.ofEpochMilli(10_000));
    }

    @Test
    void accept_clicksInATumblingWindow_expectTheSequenceMeasure() {
        start(TUMBLING_10S, Duration.ZERO);
        click("p", 7_000, 1, "purchase");
        click("p", 5_000, 2, "view");
        click("p", 1_000, 3, "view");
        click("p", 12_000, 4, "view");

        assertThat(window("p", 0).sequence()).isEqualTo(new SequenceMeasure(2, 1, 1_000, 5_000, 7_000));
        assertThat(window("p", 10_000).sequence()).isEqualTo(SequenceMeasure.NONE.add(SequenceMeasure.VIEW, 12_000));
    }

    private void click(String key, long timestampMs, long id, String action) {
        ClickEvent click = new ClickEvent(id, Instant.ofEpochMilli(timestampMs), key, "u", "s", action, "d", 1);
        raw(0, timestampMs, key, EventCodec.encode(click));
    }
}

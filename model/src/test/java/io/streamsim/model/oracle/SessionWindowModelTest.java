package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.Event;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The oracle's session model on the boundary cases that SessionWindowAggregateTest pins on Kafka itself (gap 10s,
 * times in ms): the final sessions and the drop count must be the ones Kafka's driver produced.
 */
class SessionWindowModelTest {

    private static final WindowSpec.Session GAP_10S = new WindowSpec.Session(Duration.ofSeconds(10));

    private WindowModel model;
    private long nextId = 1;
    private int dropped;

    private void start(Duration grace) {
        model = WindowModel.of(new WindowStep(GAP_10S, grace, EmitMode.FINAL), window -> true);
    }

    private long send(String key, long atMs, long amount) {
        long id = nextId++;
        Event order = new OrderEvent(id, Instant.ofEpochMilli(atMs), key, "o-" + id, "c", "s", 1, amount, "EUR");
        dropped += model.accept(0, atMs, key, order);
        return id;
    }

    private static ExpectedWindow session(long endMs, long count, long sum, long... ids) {
        long checksum = 0;
        for (long id : ids) {
            checksum += WindowResult.idHash(id);
        }
        return new ExpectedWindow(count, sum, checksum, endMs);
    }

    @Test
    void accept_recordExactlyGapAfterTheLast_extendsTheSession() {
        start(Duration.ZERO);

        long a = send("a", 0, 1);
        long b = send("a", 10_000, 2);

        assertThat(model.windows()).containsExactlyEntriesOf(Map.of(new WindowKey("a", 0), session(10_000, 2, 3, a, b)));
    }

    @Test
    void accept_recordGapPlusOneMsAfterTheLast_startsANewSession() {
        start(Duration.ZERO);

        long a = send("a", 0, 1);
        long b = send("a", 10_001, 2);

        assertThat(model.windows()).containsOnly(
                Map.entry(new WindowKey("a", 0), session(0, 1, 1, a)),
                Map.entry(new WindowKey("a", 10_001), session(10_001, 1, 2, b)));
    }

    @Test
    void accept_lateRecordBridgingTwoSessions_mergesThemIntoOne() {
        start(Duration.ofSeconds(15));

        long a = send("a", 0, 1);
        long b = send("a", 20_000, 2);
        long c = send("a", 10_000, 4);

        assertThat(model.windows()).containsExactlyEntriesOf(
                Map.of(new WindowKey("a", 0), session(20_000, 3, 7, a, b, c)));
        assertThat(model.traces().get(new WindowKey("a", 0)).aggregatedIds()).containsExactly(a, b, c);
    }

    @Test
    void accept_lateRecordBetweenAClosedAndALiveSession_mergesOnlyWithTheLiveOne() {
        start(Duration.ofSeconds(5));

        long a = send("a", 0, 1);
        long b = send("a", 20_000, 2);
        long c = send("a", 10_000, 4);

        assertThat(model.windows()).containsOnly(
                Map.entry(new WindowKey("a", 0), session(0, 1, 1, a)),
                Map.entry(new WindowKey("a", 10_000), session(20_000, 2, 6, b, c)));
    }

    @Test
    void accept_mergedEndOnTheCloseTime_isAggregated() {
        start(Duration.ofSeconds(5));

        send("b", 30_000, 1);
        long a = send("a", 15_000, 2);

        assertThat(dropped).isZero();
        assertThat(model.windows()).containsEntry(new WindowKey("a", 15_000), session(15_000, 1, 2, a));
    }

    @Test
    void accept_mergedEndOneMsBeforeTheCloseTime_isDroppedOnce() {
        start(Duration.ofSeconds(5));

        send("b", 30_000, 1);
        long a = send("a", 14_999, 2);

        assertThat(dropped).isEqualTo(1);
        assertThat(model.windows()).containsOnlyKeys(new WindowKey("b", 30_000));
        assertThat(model.traces().get(new WindowKey("a", 14_999)).droppedIds()).containsExactly(a);
    }

    @Test
    void accept_lateRecordJoiningALiveSession_isAggregatedThoughItsOwnTimeIsPastTheClose() {
        start(Duration.ofSeconds(5));

        long a = send("a", 16_000, 1);
        send("b", 30_000, 1);
        long c = send("a", 6_000, 2);

        assertThat(dropped).isZero();
        assertThat(model.windows()).containsEntry(new WindowKey("a", 6_000), session(16_000, 2, 3, a, c));
    }

    @Test
    void accept_recordNearASessionEndingExactlyAtTheClose_startsItsOwnSession() {
        start(Duration.ofSeconds(5));

        long a = send("a", 15_000, 1);
        send("b", 30_000, 1);
        long c = send("a", 20_000, 2);

        assertThat(model.windows()).containsEntry(new WindowKey("a", 15_000), session(15_000, 1, 1, a))
                .containsEntry(new WindowKey("a", 20_000), session(20_000, 1, 2, c));
    }

    @Test
    void accept_recordNearASessionEndingOneMsAfterTheClose_mergesIntoIt() {
        start(Duration.ofSeconds(5));

        long a = send("a", 15_001, 1);
        send("b", 30_000, 1);
        long c = send("a", 20_000, 2);

        assertThat(model.windows()).containsEntry(new WindowKey("a", 15_001), session(20_000, 2, 3, a, c))
                .hasSize(2);
    }

    @Test
    void accept_recordAtTheCloseTimeOnAClosedOneRecordSession_replacesItsResult() {
        start(Duration.ofSeconds(5));

        send("a", 15_000, 1);
        send("b", 30_000, 1);
        long c = send("a", 15_000, 2);

        assertThat(dropped).isZero();
        assertThat(model.windows()).containsEntry(new WindowKey("a", 15_000), session(15_000, 1, 2, c));
    }

    @Test
    void accept_watermark_movesStreamTimeButIsNeverExpected() {
        start(Duration.ofSeconds(5));

        send("a", 0, 1);
        dropped += model.accept(0, 30_000, Watermark.KEY, new Watermark(Instant.ofEpochMilli(30_000)));
        send("a", 14_999, 1);

        assertThat(model.streamTime(0)).isEqualTo(30_000);
        assertThat(dropped).isEqualTo(1);
        assertThat(model.windows()).containsOnlyKeys(new WindowKey("a", 0));
    }

    @Test
    void resetStreamTime_aggregationForgetsItsStreamTimeButTheStoreStillHidesClosedSessions() {
        start(Duration.ofSeconds(5));

        long a = send("a", 15_000, 1);
        send("b", 30_000, 1);
        model.resetStreamTime(0);
        long c = send("a", 20_000, 2);
        long d = send("a", 6_000, 4);

        assertThat(model.streamTime(0)).isEqualTo(20_000);
        assertThat(dropped).isZero();
        assertThat(model.windows()).containsEntry(new WindowKey("a", 15_000), session(15_000, 1, 1, a))
                .containsEntry(new WindowKey("a", 20_000), session(20_000, 1, 2, c))
                .containsEntry(new WindowKey("a", 6_000), session(6_000, 1, 4, d));
        assertThat(List.copyOf(model.windows().keySet())).hasSize(4);
    }
}

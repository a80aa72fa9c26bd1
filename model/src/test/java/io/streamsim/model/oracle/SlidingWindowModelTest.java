package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The cases SlidingWindowAggregateTest pins on Kafka, against the model alone. TimeDifference 10s. */
class SlidingWindowModelTest {

    private static final long T0 = 1_700_000_000_000L;

    private WindowModel model;
    private long nextId = 1;

    private void start(Duration grace) {
        model = WindowModel.of(new WindowStep(new WindowSpec.Sliding(Duration.ofSeconds(10)), grace, EmitMode.EAGER),
                w -> true);
    }

    private int send(String key, long ts, String action) {
        return model.accept(0, ts, key, new ClickEvent(nextId++, Instant.ofEpochMilli(ts), key, "u", "s", action, "d", 1));
    }

    private int send(long ts) {
        return send("p", ts, "click");
    }

    /** Window start (offset from {@code origin}) to count, for {@code key}. */
    private Map<Long, Long> counts(String key, long origin) {
        Map<Long, Long> counts = new TreeMap<>();
        model.windows().forEach((w, e) -> {
            if (w.key().equals(key)) {
                counts.put(w.windowStartMs() - origin, e.count());
            }
        });
        return counts;
    }

    @Test
    void accept_recordsExactlyTimeDifferenceApart_shareAWindowEndingAtTheLater() {
        start(Duration.ZERO);
        send(T0);
        send(T0 + 10_000);

        assertThat(counts("p", T0)).containsExactly(entry(-10_000L, 1L), entry(0L, 2L), entry(1L, 1L));
        assertThat(model.windows().get(new WindowKey("p", T0)).endMs()).isEqualTo(T0 + 10_000);
    }

    @Test
    void accept_recordsTimeDifferencePlusOneApart_shareNoWindow() {
        start(Duration.ZERO);
        send(T0);
        send(T0 + 10_001);

        assertThat(counts("p", T0)).containsExactly(entry(-10_000L, 1L), entry(1L, 1L));
    }

    @Test
    void accept_earlyRecords_goIntoTheWindowFromZero() {
        start(Duration.ZERO);
        send(3_000);
        send(5_000);

        assertThat(counts("p", 0)).containsExactly(entry(0L, 2L), entry(3_001L, 1L));
    }

    @Test
    void accept_lateRecordWithinGrace_updatesWindowsMakesItsRightWindowAndDropsItsLeft() {
        start(Duration.ofSeconds(5));
        send(T0 + 20_000);
        send(T0 + 30_000);

        int dropped = send(T0 + 22_000);

        assertThat(dropped).isEqualTo(1);
        assertThat(counts("p", T0)).containsExactly(entry(10_000L, 1L), entry(20_000L, 3L), entry(20_001L, 2L),
                entry(22_001L, 1L));
    }

    @Test
    void accept_recordsAroundTheGraceEdge_countLikeKafka() {
        start(Duration.ofSeconds(5));
        send("a", T0 + 30_000, "click");

        assertThat(send("b", T0 + 25_000, "click")).as("left window ends at closeTime").isZero();
        assertThat(send("c", T0 + 24_999, "click")).isEqualTo(1);
        assertThat(send("d", T0 + 15_000, "click")).as("not dropped whole, its window is").isEqualTo(1);
        assertThat(send("e", T0 + 14_999, "click")).as("dropped whole").isEqualTo(1);
        assertThat(counts("b", T0)).containsExactly(entry(15_000L, 1L));
        assertThat(counts("c", T0)).isEmpty();
    }

    @Test
    void accept_veryLateRecord_doesNotSeeWindowsPastTheStoreRetention() {
        start(Duration.ZERO);
        send("a", T0 + 80_000, "click");
        send("b", T0 + 100_000, "click");

        assertThat(send("a", T0 + 90_000, "click")).isEqualTo(1);
        assertThat(counts("a", T0)).containsExactly(entry(70_000L, 1L));
    }

    @Test
    void accept_viewsThenPurchase_windowAnswersTheSequenceQuestion() {
        start(Duration.ZERO);
        send("p", T0 + 3_000, "purchase");
        send("p", T0 + 1_000, "view");
        send("p", T0 + 2_000, "view");

        ExpectedWindow left = model.windows().get(new WindowKey("p", T0 - 7_000));
        assertThat(left.sequence().views()).isEqualTo(2);
        assertThat(left.sequence().viewedTwiceBeforePurchase()).isTrue();
    }

    @Test
    void resetStreamTime_lateRecordAfterReset_isAggregated() {
        start(Duration.ZERO);
        send(T0 + 60_000);
        assertThat(send(T0)).isEqualTo(1);

        model.resetStreamTime(0);

        assertThat(send(T0 + 1)).isZero();
        assertThat(model.streamTime(0)).isEqualTo(T0 + 1);
    }
}

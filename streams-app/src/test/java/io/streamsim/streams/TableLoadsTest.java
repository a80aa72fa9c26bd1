package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TableLoadsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TopicPartition C0 = new TopicPartition("app-reference-table-changelog", 0);
    private static final TopicPartition C1 = new TopicPartition("app-reference-table-changelog", 1);
    private static final TopicPartition R0 = new TopicPartition("run.reference", 0);
    private static final TopicPartition R1 = new TopicPartition("run.reference", 1);

    /** A clock the test moves by hand. */
    private static final class Ticker extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void snapshot_twoOverlappingPartitionRestores_isOneLoadFromFirstStartToLastEnd() {
        Ticker clock = new Ticker();
        TableLoads loads = new TableLoads("reference-table", TableStatus.CHANGELOG_RESTORE, clock);
        loads.started();
        clock.advance(Duration.ofSeconds(1));
        loads.onRestoreStart(C0, "reference-table", 0, 600);
        loads.onRestoreStart(C1, "reference-table", 0, 400);
        loads.onRestoreStart(C1, "window-store", 0, 9000);
        loads.onBatchRestored(C0, "reference-table", 599, 600);
        loads.onBatchRestored(C1, "window-store", 8999, 9000);
        clock.advance(Duration.ofMillis(500));
        loads.onRestoreEnd(C0, "reference-table", 600);
        loads.onBatchRestored(C1, "reference-table", 399, 400);
        clock.advance(Duration.ofMillis(250));
        loads.onRestoreEnd(C1, "reference-table", 400);
        loads.running();

        TableStatus s = loads.snapshot("shuffle");

        assertThat(s.runningAfterSeconds()).isEqualTo(1.75);
        assertThat(s.loads()).containsExactly(new TableStatus.Load(TableStatus.CHANGELOG_RESTORE, C0.topic(),
                T0.plusSeconds(1), 1000, 2, 0.75));
    }

    @Test
    void snapshot_restoreStillGoing_isListedWithoutSeconds() {
        Ticker clock = new Ticker();
        TableLoads loads = new TableLoads("reference-global", TableStatus.GLOBAL_RESTORE, clock);
        loads.started();
        loads.onRestoreStart(R0, "reference-global", 0, 2000);
        loads.onBatchRestored(R0, "reference-global", 499, 500);

        TableStatus s = loads.snapshot("broadcast");

        assertThat(s.runningAfterSeconds()).isNull();
        assertThat(s.loads()).singleElement().satisfies(l -> {
            assertThat(l.records()).isEqualTo(500);
            assertThat(l.seconds()).isNull();
        });
    }

    @Test
    void sourceReadProgress_committedBelowTheEndAtStart_waitsThenEndsAtTheEnd() {
        Ticker clock = new Ticker();
        TableLoads loads = new TableLoads("reference-table", TableStatus.CHANGELOG_RESTORE, clock);
        loads.started();
        loads.sourceReadFrom(T0, Map.of(R0, 520L, R1, 480L));
        clock.advance(Duration.ofSeconds(2));

        boolean early = loads.sourceReadProgress(Map.of(R0, 520L, R1, 300L));
        clock.advance(Duration.ofSeconds(1));
        boolean done = loads.sourceReadProgress(Map.of(R0, 530L, R1, 480L));

        assertThat(early).isFalse();
        assertThat(done).isTrue();
        assertThat(loads.sourceReadPending()).isFalse();
        assertThat(loads.snapshot("shuffle").loads()).containsExactly(new TableStatus.Load(TableStatus.SOURCE_READ,
                "run.reference", T0, 1000, 2, 3.0));
    }

    @Test
    void sourceReadProgress_noReferencePartitionAssignedYet_isNotDone() {
        TableLoads loads = new TableLoads("reference-table", TableStatus.CHANGELOG_RESTORE, new Ticker());
        loads.sourceReadFrom(T0, Map.of(R0, 5L));

        assertThat(loads.sourceReadProgress(Map.of())).isFalse();
        assertThat(loads.sourceReadPending()).isTrue();
    }

    @Test
    void sourceReadProgress_aPartitionReadBeforeThisStart_isLeftOutOfTheLoad() {
        Ticker clock = new Ticker();
        TableLoads loads = new TableLoads("reference-table", TableStatus.CHANGELOG_RESTORE, clock);
        loads.started();
        loads.sourceReadFrom(T0, Map.of(R1, 480L)); // R0 had a committed offset at start
        clock.advance(Duration.ofSeconds(2));

        assertThat(loads.sourceReadProgress(Map.of(R0, 10L, R1, 480L))).isTrue();
        assertThat(loads.snapshot("shuffle").loads()).containsExactly(new TableStatus.Load(TableStatus.SOURCE_READ,
                "run.reference", T0, 480, 1, 2.0));
    }

    @Test
    void sourceReadProgress_onlyPartitionsReadBefore_endsWithNoLoad() {
        TableLoads loads = new TableLoads("reference-table", TableStatus.CHANGELOG_RESTORE, new Ticker());
        loads.started();
        loads.sourceReadFrom(T0, Map.of(R1, 480L));

        assertThat(loads.sourceReadProgress(Map.of(R0, 10L))).isTrue();
        assertThat(loads.sourceReadPending()).isFalse();
        assertThat(loads.snapshot("shuffle").loads()).isEmpty();
    }

    @Test
    void snapshot_globalPartitionsRestoredOneAfterTheOther_isOneLoadFromFirstStartToLastEnd() {
        Ticker clock = new Ticker();
        TableLoads loads = new TableLoads("reference-global", TableStatus.GLOBAL_RESTORE, clock);
        loads.started();
        loads.onRestoreStart(R0, "reference-global", 0, 495);
        loads.onBatchRestored(R0, "reference-global", 494, 495);
        clock.advance(Duration.ofMillis(300));
        loads.onRestoreEnd(R0, "reference-global", 495);
        clock.advance(Duration.ofMillis(700));
        loads.onRestoreStart(R1, "reference-global", 0, 505);
        loads.onBatchRestored(R1, "reference-global", 504, 505);
        clock.advance(Duration.ofMillis(100));
        loads.onRestoreEnd(R1, "reference-global", 505);
        loads.running();

        assertThat(loads.snapshot("broadcast").loads()).containsExactly(new TableStatus.Load(
                TableStatus.GLOBAL_RESTORE, "run.reference", T0, 1000, 2, 1.1));
    }
}

package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppStatusTest {

    private static final AppStatus SLOWED = new AppStatus("app-instance-1", "RUNNING",
            Instant.parse("2024-01-01T00:00:10Z"), Duration.ofMillis(2), 10, 1, 2, 3, 0, 4);

    @Test
    void toJson_slowedInstance_isOneLineWithTheFieldsInDeclarationOrder() {
        assertThat(SLOWED.toJson()).isEqualTo("{\"instance\":\"app-instance-1\",\"state\":\"RUNNING\","
                + "\"slowUntil\":\"2024-01-01T00:00:10Z\",\"slowPerRecordMs\":2.000,\"processed\":10,"
                + "\"droppedLateApp\":1,\"droppedLateKafka\":2,\"deadLettered\":3,\"droppedUndecodable\":0,"
                + "\"rebalances\":4}");
    }

    @Test
    void toJson_noSlowDown_hasNullUntilAndZeroMillis() {
        AppStatus status = new AppStatus("app-instance-2", "REBALANCING", null, Duration.ZERO, 0, 0, 0, 0, 0, 1);

        assertThat(status.toJson()).isEqualTo("{\"instance\":\"app-instance-2\",\"state\":\"REBALANCING\","
                + "\"slowUntil\":null,\"slowPerRecordMs\":0.000,\"processed\":0,\"droppedLateApp\":0,"
                + "\"droppedLateKafka\":0,\"deadLettered\":0,\"droppedUndecodable\":0,\"rebalances\":1}");
    }

    @Test
    void toJson_subMillisecondSlowDown_isRoundedToTheMicrosecond() {
        AppStatus status = new AppStatus("a", "RUNNING", null, Duration.ofNanos(1_234_567), 0, 0, 0, 0, 0, 0);

        assertThat(status.toJson()).contains("\"slowPerRecordMs\":1.235,");
    }

    @Test
    void fromJson_whatToJsonWrote_isTheSameStatus() throws IOException {
        AppStatus odd = new AppStatus("name \"quoted\" \\ with\nnewline\u0001", "PENDING_SHUTDOWN",
                Instant.parse("2026-12-01T23:01:02.123456789Z"), Duration.ofNanos(500_000), Long.MAX_VALUE, 5, 6, 7,
                8, 9);

        assertThat(AppStatus.fromJson(SLOWED.toJson())).isEqualTo(SLOWED);
        assertThat(AppStatus.fromJson(odd.toJson())).isEqualTo(odd);
    }

    @Test
    void fromJson_aFieldANewerAppAdds_isIgnored() throws IOException {
        String newer = SLOWED.toJson().replace("}", ",\"somethingNew\":[1,2]}");

        assertThat(AppStatus.fromJson(newer)).isEqualTo(SLOWED);
    }

    @Test
    void fromJson_withoutState_isUnreadable() {
        assertThatThrownBy(() -> AppStatus.fromJson("{\"instance\":\"a\",\"slowPerRecordMs\":0.000}"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void fromJson_withATableAndItsLoads_isTheSameStatus() throws IOException {
        TableStatus table = new TableStatus("shuffle", "reference-table", Instant.parse("2026-12-01T10:00:00Z"), 2.5,
                java.util.List.of(new TableStatus.Load(TableStatus.CHANGELOG_RESTORE, "app-reference-table-changelog",
                        Instant.parse("2026-12-01T10:00:01Z"), 1234, 2, 0.75)),
                new TableStatus.Held(1000, 120_000, "store iterated"));
        AppStatus status = new AppStatus("a", "RUNNING", null, Duration.ZERO, 0, 0, 0, 0, 0, 1, table);

        assertThat(status.toJson()).contains("\"table\":{\"join\":\"shuffle\"");
        assertThat(AppStatus.fromJson(status.toJson())).isEqualTo(status);
    }

    @Test
    void fromJson_withThreadCpu_readsItBack() throws IOException {
        AppStatus status = new AppStatus("a", "RUNNING", null, Duration.ZERO, 5, 0, 0, 0, 0, 1, null, 2.5);

        assertThat(status.toJson()).endsWith(",\"appThreadsCpuSeconds\":2.5}");
        assertThat(AppStatus.fromJson(status.toJson())).isEqualTo(status);
    }

    @Test
    void fromJson_olderAppWithoutThreadCpu_hasNullCpu() throws IOException {
        AppStatus read = AppStatus.fromJson("{\"instance\":\"a\",\"state\":\"RUNNING\",\"slowUntil\":null,"
                + "\"slowPerRecordMs\":0.000,\"processed\":0,\"droppedLateApp\":0,\"droppedLateKafka\":0,"
                + "\"deadLettered\":0,\"droppedUndecodable\":0,\"rebalances\":1}");

        assertThat(read.appThreadsCpuSeconds()).isNull();
    }
}

package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.streams.TableStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableFiguresTest {

    private static final Instant LOAD_START = Instant.parse("2026-12-01T10:00:10Z");

    @Test
    void bootstraps_aRestartedInstance_hasItsLoadsPerLifeInSecondsFromTheLoadStartButNoEmptyRestore() {
        TableStatus first = new TableStatus("shuffle", "reference-table", Instant.parse("2026-12-01T10:00:08Z"), 2.0,
                List.of(new TableStatus.Load(TableStatus.SOURCE_READ, "r.reference",
                        Instant.parse("2026-12-01T10:00:08Z"), 1000, 2, 3.1234567),
                        new TableStatus.Load(TableStatus.CHANGELOG_RESTORE, "app-reference-table-changelog",
                                Instant.parse("2026-12-01T10:00:09Z"), 0, 2, 0.1)), null);
        TableStatus second = new TableStatus("shuffle", "reference-table", Instant.parse("2026-12-01T10:00:30Z"), 4.5,
                List.of(new TableStatus.Load(TableStatus.CHANGELOG_RESTORE, "app-reference-table-changelog",
                        Instant.parse("2026-12-01T10:00:31.250Z"), 1040, 2, 0.8)), null);

        List<ReferenceFigures.Bootstrap> b = TableFigures.bootstraps(Map.of("app-instance-1", List.of(first, second)),
                LOAD_START);

        assertThat(b).containsExactly(
                new ReferenceFigures.Bootstrap("app-instance-1", 1, -2.0, TableStatus.SOURCE_READ, "r.reference", 1000,
                        2, 3.123, 2.0),
                new ReferenceFigures.Bootstrap("app-instance-1", 2, 21.25, TableStatus.CHANGELOG_RESTORE,
                        "app-reference-table-changelog", 1040, 2, 0.8, 4.5));
    }

    @Test
    void bootstraps_aLifeThatLoadedNothing_hasOneNoLoadRowAtItsStartWithItsTimeToRunning() {
        TableStatus first = new TableStatus("shuffle", "reference-table", Instant.parse("2026-12-01T10:00:08Z"), 2.0,
                List.of(new TableStatus.Load(TableStatus.SOURCE_READ, "r.reference",
                        Instant.parse("2026-12-01T10:00:08Z"), 1000, 2, 3.0)), null);
        TableStatus second = new TableStatus("shuffle", "reference-table", Instant.parse("2026-12-01T10:00:30Z"), 1.9,
                List.of(new TableStatus.Load(TableStatus.CHANGELOG_RESTORE, "app-reference-table-changelog",
                        Instant.parse("2026-12-01T10:00:31Z"), 0, 2, 0.1)), null);

        List<ReferenceFigures.Bootstrap> b = TableFigures.bootstraps(Map.of("app-instance-1", List.of(first, second)),
                LOAD_START);

        assertThat(b).hasSize(2);
        assertThat(b.get(1)).isEqualTo(new ReferenceFigures.Bootstrap("app-instance-1", 2, 20.0,
                ReferenceFigures.Bootstrap.NO_LOAD, "reference-table", 0, 0, null, 1.9));
        assertThat(b.get(1).noLoad()).isTrue();
        assertThat(b.get(0).noLoad()).isFalse();
    }

    @Test
    void held_perInstance_carriesTheJoinOfItsLastLife() {
        TableStatus life = new TableStatus("broadcast", "reference-global", LOAD_START, 1.0, List.of(), null);

        List<ReferenceFigures.Held> h = TableFigures.held(
                Map.of("app-instance-1", new TableStatus.Held(2000, 239_645, "store iterated")),
                Map.of("app-instance-1", List.of(life)));

        assertThat(h).containsExactly(new ReferenceFigures.Held("app-instance-1", "broadcast", 2000, 239_645,
                "store iterated"));
    }
}

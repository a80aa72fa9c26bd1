package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.streams.TableStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableFiguresTest {

    private static final Instant LOAD_START = Instant.parse("2026-12-01T10:00:10Z");

    private static final String CHANGELOG = "app-reference-table-changelog";

    /** One life of a shuffle join: started at {@code startedAt} (UTC time of day), RUNNING after {@code running}. */
    private static TableStatus shuffleLife(String startedAt, double running, TableStatus.Load... loads) {
        return new TableStatus("shuffle", "reference-table", at(startedAt), running, List.of(loads), null);
    }

    private static TableStatus.Load load(String kind, String topic, String at, long records, double seconds) {
        return new TableStatus.Load(kind, topic, at(at), records, 2, seconds);
    }

    private static Instant at(String timeOfDay) {
        return Instant.parse("2026-12-01T" + timeOfDay + "Z");
    }

    @Test
    void bootstraps_aRestartedInstance_hasItsLoadsPerLifeInSecondsFromTheLoadStartButNoEmptyRestore() {
        TableStatus first = shuffleLife("10:00:08", 2.0,
                load(TableStatus.SOURCE_READ, "r.reference", "10:00:08", 1000, 3.1234567),
                load(TableStatus.CHANGELOG_RESTORE, CHANGELOG, "10:00:09", 0, 0.1));
        TableStatus second = shuffleLife("10:00:30", 4.5,
                load(TableStatus.CHANGELOG_RESTORE, CHANGELOG, "10:00:31.250", 1040, 0.8));

        List<ReferenceFigures.Bootstrap> b = TableFigures.bootstraps(Map.of("app-instance-1", List.of(first, second)),
                LOAD_START);

        assertThat(b).containsExactly(
                new ReferenceFigures.Bootstrap("app-instance-1", 1, -2.0, TableStatus.SOURCE_READ, "r.reference", 1000,
                        2, 3.123, 2.0),
                new ReferenceFigures.Bootstrap("app-instance-1", 2, 21.25, TableStatus.CHANGELOG_RESTORE, CHANGELOG,
                        1040, 2, 0.8, 4.5));
    }

    @Test
    void bootstraps_aLifeThatLoadedNothing_hasOneNoLoadRowAtItsStartWithItsTimeToRunning() {
        TableStatus first = shuffleLife("10:00:08", 2.0,
                load(TableStatus.SOURCE_READ, "r.reference", "10:00:08", 1000, 3.0));
        TableStatus second = shuffleLife("10:00:30", 1.9,
                load(TableStatus.CHANGELOG_RESTORE, CHANGELOG, "10:00:31", 0, 0.1));

        List<ReferenceFigures.Bootstrap> b = TableFigures.bootstraps(Map.of("app-instance-1", List.of(first, second)),
                LOAD_START);

        assertThat(b).hasSize(2);
        assertThat(b.get(1)).isEqualTo(new ReferenceFigures.Bootstrap("app-instance-1", 2, 20.0,
                ReferenceFigures.Bootstrap.NO_LOAD, "reference-table", 0, 0, null, 1.9));
        assertThat(b.get(1).noLoad()).isTrue();
        assertThat(b.get(0).noLoad()).isFalse();
    }

    @Test
    void askHeld_aLiveInstanceInARebalance_isAskedAgainWithTheWholeRound() throws InterruptedException {
        TableStatus.Held share = new TableStatus.Held(150, 17_000, "store iterated");
        int[] asksOfOne = {0};
        List<Long> pauses = new ArrayList<>();

        Map<String, TableStatus.Held> held = TableFigures.askHeld(List.of("app-instance-1", "app-instance-2",
                        "app-instance-3"), name -> !name.equals("app-instance-3"),
                name -> name.equals("app-instance-1") && ++asksOfOne[0] < 3 || name.equals("app-instance-3")
                        ? Optional.empty() : Optional.of(share), Duration.ofSeconds(15), Duration.ofMillis(500),
                pauses::add);

        assertThat(held).containsOnlyKeys("app-instance-1", "app-instance-2");
        assertThat(pauses).as("two incomplete rounds; the dead instance is not waited for").containsExactly(500L, 500L);
    }

    @Test
    void askHeld_patienceRunsOut_keepsTheLastRound() throws InterruptedException {
        TableStatus.Held share = new TableStatus.Held(150, 17_000, "store iterated");
        List<Long> pauses = new ArrayList<>();

        Map<String, TableStatus.Held> held = TableFigures.askHeld(List.of("a", "b"), name -> true,
                name -> name.equals("a") ? Optional.of(share) : Optional.empty(), Duration.ofSeconds(2),
                Duration.ofMillis(500), pauses::add);

        assertThat(held).containsOnlyKeys("a");
        assertThat(pauses).hasSize(4);
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

package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.oracle.EnrichFigures;
import io.streamsim.streams.TableStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shuffle join of the changing sellers table, then a groupBy region salted x4, then tumbling windows, under
 * exactly_once_v2 with a kill -9 of a child-JVM app instance: both repartition topics complete, every order's row
 * version audited, and every window equal to the oracle's replay of the real order (partials combined per region).
 */
class JoinSaltCrashIT {

    /** Kept when the test fails (its path is in the report's output), so that a failed run can be read. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path runs;

    @Test
    void killMidWindow_shuffleJoinSaltedGroupByExactlyOnce_everyWindowExact() throws Exception {
        RunResult result = ItRun.of(Path.of("src/test/resources/scenarios/it-join-salt-crash.yaml"), runs);

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(s.faults()).hasSize(2).allSatisfy(f -> assertThat(f.outcome()).startsWith("ok"));
        assertThat(s.oracle().verdict()).isEqualTo("exact");
        assertThat(s.oracle().counts().windowsExpected()).isPositive();
        assertThat(s.oracle().repartition().recordsMissing()).isZero();
        assertThat(s.oracle().repartition().extraCopies()).as("exactly once: no copy survives the abort").isZero();
        EnrichFigures enrich = s.oracle().enrich();
        assertThat(enrich.join()).isEqualTo("shuffle");
        assertThat(enrich.enrichedRead()).as("every order joined and read back once").isEqualTo(16_000);
        assertThat(enrich.asOfEventTime() + enrich.stale() + enrich.future() + enrich.noRow() + enrich.unexpectedRow())
                .isEqualTo(enrich.enrichedRead());
        assertThat(s.stageSkew().salt()).isEqualTo(4);
        assertThat(s.stageSkew().stages()).hasSize(2);
        assertThat(s.expectationsMet()).isTrue();
        // Its second life: a changelog restore if its table tasks came back within the run, else a "none" row
        // (whether they do before the drain ends is timing). On a loaded machine it may not be RUNNING yet.
        assertThat(s.reference().bootstraps()).as("the restarted instance reports its second life")
                .anySatisfy(b -> {
                    assertThat(b.instance()).isEqualTo("app-instance-1");
                    assertThat(b.life()).isEqualTo(2);
                    assertThat(b.kind()).isIn(TableStatus.CHANGELOG_RESTORE, ReferenceFigures.Bootstrap.NO_LOAD);
                });
        assertThat(s.reference().bootstraps()).as("a source read only at the first start")
                .filteredOn(b -> b.kind().equals(TableStatus.SOURCE_READ)).allSatisfy(b -> assertThat(b.life())
                        .isEqualTo(1)).isNotEmpty();
        assertThat(s.reference().held().stream().mapToLong(ReferenceFigures.Held::rows).sum())
                .as("the two stores' shares add up to the table").isEqualTo(s.reference().rows());
    }
}

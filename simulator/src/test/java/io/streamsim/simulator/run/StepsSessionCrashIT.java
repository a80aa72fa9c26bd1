package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.oracle.StepFigures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * dedup + groupBy userId + session windows under exactly_once_v2 with a kill -9 of a child-JVM app instance: the
 * repartition topic holds every record that passed dedup exactly once (aborted transactions are invisible), and
 * every session equals the oracle's replay of that topic in its real order.
 */
class StepsSessionCrashIT {

    /** Kept when the test fails (its path is in the report's output), so that a failed run can be read. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path runs;

    @Test
    void killMidSession_dedupGroupBySessionsExactlyOnce_repartitionCompleteAndEverySessionExact() throws Exception {
        RunResult result = ItRun.of(Path.of("src/test/resources/scenarios/it-steps-session-crash.yaml"), runs);

        RunSummary s = result.summary();
        assertThat(result.outcome()).as(s.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(s.faults()).hasSize(2).allSatisfy(f -> assertThat(f.outcome()).startsWith("ok"));
        assertThat(s.oracle().verdict()).isEqualTo("exact");
        assertThat(s.oracle().counts().windowsExpected()).isPositive();
        StepFigures.Repartition repartition = s.oracle().repartition();
        assertThat(repartition.topic()).endsWith("-by-userId-repartition");
        assertThat(repartition.recordsMissing()).isZero();
        assertThat(repartition.extraCopies()).as("exactly once: no copy survives the abort").isZero();
        assertThat(repartition.recordsRead()).isEqualTo(repartition.recordsExpected());
        assertThat(s.totals().duplicatesSent()).isPositive();
        assertThat(s.oracle().dedup().droppedExpected()).as("every producer copy follows its original at once")
                .isEqualTo(s.totals().duplicatesSent());
        assertThat(s.windowShape().sessions()).as("sessions of several events, merged across the crash").isNotNull();
        assertThat(s.windowShape().sessions().lengthP99Seconds()).isPositive();
        assertThat(s.expectationsMet()).isTrue();
    }
}

package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.ExpectSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    private static RunSummary.FaultRecovery recovered(Double after) {
        return new RunSummary.FaultRecovery("kill app-instance-1", 10, "ok", 0, 100, 12, 3.0, after, 1, 2, 1, 1, false);
    }

    @Test
    void check_everyExpectationMet_reportsEachAsMet() {
        ExpectSpec spec = new ExpectSpec(ExpectSpec.OracleExpectation.EXACT, 0.05, Duration.ofSeconds(20),
                Duration.ofSeconds(30), true);
        Expectations.Measured m = new Expectations.Measured("exact", true, true, 0.01, 12.5,
                List.of(recovered(8.0)), 100, 100);

        List<RunSummary.ExpectationResult> results = Expectations.check(spec, m);

        assertThat(results).extracting(RunSummary.ExpectationResult::name).containsExactly("oracle",
                "droppedLateFraction", "p99EndToEndLatency", "recoveryTime (kill app-instance-1)", "deadLetters");
        assertThat(results).allMatch(RunSummary.ExpectationResult::met);
    }

    @Test
    void check_eachExpectationBroken_reportsWhatWasMeasured() {
        ExpectSpec spec = new ExpectSpec(ExpectSpec.OracleExpectation.EXACT, 0.05, Duration.ofSeconds(20),
                Duration.ofSeconds(30), true);
        Expectations.Measured m = new Expectations.Measured("2 windows wrong", false, true, 0.07, 25,
                List.of(recovered(null)), 100, 99);

        List<RunSummary.ExpectationResult> results = Expectations.check(spec, m);

        assertThat(results).noneMatch(RunSummary.ExpectationResult::met);
        assertThat(results).extracting(RunSummary.ExpectationResult::actual)
                .containsExactly("2 windows wrong", "0.0700", "25.00s", "lag did not recover", "99");
    }

    @Test
    void check_noLossExpected_acceptsDuplicatesButNotLoss() {
        ExpectSpec spec = new ExpectSpec(ExpectSpec.OracleExpectation.NO_LOSS, null, null, null, null);

        assertThat(Expectations.check(spec, new Expectations.Measured("12 counted twice", false, true, 0, 1,
                List.of(), 0, 0))).singleElement().matches(RunSummary.ExpectationResult::met);
        assertThat(Expectations.check(spec, new Expectations.Measured("3 missing", false, false, 0, 1,
                List.of(), 0, 0))).singleElement().matches(r -> !r.met());
    }

    @Test
    void check_noExpectations_checksNothing() {
        assertThat(Expectations.check(ExpectSpec.NONE, new Expectations.Measured(null, false, false, 1, 99,
                List.of(), 1, 0))).isEmpty();
    }
}

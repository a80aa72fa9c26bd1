package io.streamsim.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class RateFinderTest {

    /** Runs a finder against a pipeline that holds the rates {@code holds} accepts; returns the probed rates. */
    private static List<Double> search(RateFinder finder, DoublePredicate holds) {
        List<Double> probed = new ArrayList<>();
        for (OptionalDouble next = finder.next(); next.isPresent(); next = finder.next()) {
            probed.add(next.getAsDouble());
            finder.record(next.getAsDouble(), holds.test(next.getAsDouble()));
        }
        return probed;
    }

    @Test
    void search_limitAt65k_stepsUpByTwoThenBisectsToTenPercent() {
        RateFinder finder = new RateFinder(10_000, 2, 0.1, 20, 100);

        List<Double> probed = search(finder, r -> r <= 65_000);

        assertThat(probed).startsWith(10_000.0, 20_000.0, 40_000.0, 80_000.0, 60_000.0, 70_000.0);
        assertThat(finder.maxSustainable()).isBetween(60_000.0, 65_000.0);
        assertThat(finder.firstFailing() / finder.maxSustainable()).isLessThanOrEqualTo(1.1);
        assertThat(finder.converged()).isTrue();
    }

    @Test
    void search_firstProbeFails_stepsDownUntilOneHolds() {
        RateFinder finder = new RateFinder(10_000, 2, 0.1, 20, 100);

        List<Double> probed = search(finder, r -> r <= 3_000);

        assertThat(probed).startsWith(10_000.0, 5_000.0, 2_500.0);
        assertThat(finder.maxSustainable()).isBetween(2_500.0, 3_000.0);
    }

    @Test
    void search_nothingHoldsDownToTheMinimum_endsWithNoRate() {
        RateFinder finder = new RateFinder(1_000, 2, 0.1, 20, 100);

        List<Double> probed = search(finder, r -> false);

        assertThat(probed).containsExactly(1_000.0, 500.0, 250.0, 125.0);
        assertThat(finder.maxSustainable()).isZero();
    }

    @Test
    void search_maxProbesReached_stopsUnconverged() {
        RateFinder finder = new RateFinder(10_000, 2, 0.1, 3, 100);

        List<Double> probed = search(finder, r -> true);

        assertThat(probed).containsExactly(10_000.0, 20_000.0, 40_000.0);
        assertThat(finder.maxSustainable()).isEqualTo(40_000.0);
        assertThat(finder.converged()).isFalse();
    }

    @Test
    void record_failureBelowAnEarlierSuccess_rebracketsBelowTheFailure() {
        RateFinder finder = new RateFinder(10_000, 2, 0.1, 20, 100);
        finder.record(10_000, true);
        finder.record(20_000, true);
        finder.record(40_000, false);
        finder.record(30_000, true);

        finder.record(20_000, false);

        assertThat(finder.maxSustainable()).isEqualTo(10_000.0);
        assertThat(finder.firstFailing()).isEqualTo(20_000.0);
        assertThat(finder.next()).hasValue(15_000.0);
    }

    @Test
    void round_keepsTwoSignificantDigitsOfTheMagnitude() {
        assertThat(RateFinder.round(12_345)).isEqualTo(12_300.0);
        assertThat(RateFinder.round(1_234)).isEqualTo(1_230.0);
        assertThat(RateFinder.round(60_000)).isEqualTo(60_000.0);
    }
}

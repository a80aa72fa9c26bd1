package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.scenario.RatePhase;
import io.streamsim.model.scenario.RateTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhasesTest {

    @Test
    void of_tenfoldStep_givesThroughputPerPhasePeakLagAndDrainTime() {
        RateTimeline timeline = RateTimeline.of(List.of(
                new RatePhase.Constant(Duration.ofSeconds(5), 1000),
                new RatePhase.Step(Duration.ofSeconds(5), 10),
                new RatePhase.Constant(Duration.ofSeconds(5), 1000)));
        List<Sample> samples = new ArrayList<>();
        long[] lag = {100, 100, 100, 100, 100, 2000, 4000, 6000, 8000, 10000, 7000, 4000, 1000, 150, 100, 100};
        for (int t = 1; t <= 15; t++) {
            double target = t <= 5 || t > 10 ? 1000 : 10000;
            double processed = t <= 5 ? 1000 : t <= 10 ? 8000 : 4000;
            samples.add(new Sample(t, "load", target, 0, 0, 0, 0, target, 0, processed, lag[t - 1], List.of(), List.of(),
                    0, 0, 0, 0, Double.NaN, Double.NaN, 0, ""));
        }

        List<RunSummary.PhaseFigures> phases = Phases.of(timeline, samples);

        assertThat(phases).extracting(RunSummary.PhaseFigures::phase).containsExactly("rate[0]", "rate[1]", "rate[2]");
        RunSummary.PhaseFigures step = phases.get(1);
        assertThat(step.targetEventsPerSecond()).isEqualTo(10000);
        assertThat(step.processedPerSecond()).isEqualTo(8000);
        assertThat(step.peakLagRecords()).isEqualTo(10000);
        assertThat(step.lagDrainedAfterEndSeconds()).as("back within 100 + 250 records at t=14").isEqualTo(4.0);
        assertThat(phases.get(0).lagDrainedAfterEndSeconds()).isNull();
    }
}

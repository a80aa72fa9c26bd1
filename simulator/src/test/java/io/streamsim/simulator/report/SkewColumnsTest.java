package io.streamsim.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.run.Sample;
import io.streamsim.simulator.run.SkewReading;
import io.streamsim.simulator.run.ThreadLoad;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkewColumnsTest {

    private static Sample sample(double t, List<Double> rates, List<ThreadLoad> threads) {
        return new Sample(t, "load", 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, 0, 0, Double.NaN,
                Double.NaN, 0, "", new SkewReading(rates, threads));
    }

    @Test
    void values_threadAppearingLater_isBlankBeforeAndPartitionsAreRates() {
        ThreadLoad a = new ThreadLoad("app-instance-1", "StreamThread-1", 0.5, 0, 0.1, 0.4);
        ThreadLoad b = new ThreadLoad("app-instance-2", "StreamThread-1", 0.2, 0, 0, 0.8);
        List<Sample> samples = List.of(sample(1, List.of(10.0, 2.5), List.of(a)), sample(2, List.of(0.0, 1.0), List.of(a, b)));

        SkewColumns c = new SkewColumns(samples);

        assertThat(c.header()).containsExactly("processed_per_second_partition_0", "processed_per_second_partition_1",
                "busy_app-instance-1/StreamThread-1", "busy_app-instance-2/StreamThread-1");
        assertThat(c.values(samples.get(0))).containsExactly("10.0", "2.5", "0.600", "");
        assertThat(c.values(samples.get(1))).containsExactly("0.0", "1.0", "0.600", "0.200");
    }
}

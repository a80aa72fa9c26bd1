package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleViewTest {

    @Test
    void format_halfwayThrough_showsAHalfFullBarAndTheFigures() {
        Sample s = new Sample(20, "load", 20000, 0, 0, 0, 0, 19950, 0, 19800, 1234, List.of(), List.of(), 560, 7, 0, 0,
                0.8, 6.25, 0, "");

        String line = ConsoleView.format(s, Duration.ofSeconds(40));

        assertThat(line).startsWith("[  20s/40s] [##########..........] load ")
                .contains("target    20000/s").contains("sent    19950/s").contains("processed    19800/s")
                .contains("lag     1234").contains("windows     560").contains("late      7")
                .endsWith("p99 e2e  6.25s");
    }

    @Test
    void format_noResultsThisSecond_showsADash() {
        Sample s = new Sample(1, "load", 10, 0, 0, 0, 0, 10, 0, 10, 0, List.of(), List.of(), 0, 0, 0, 0, Double.NaN,
                Double.NaN, 0, "");

        assertThat(ConsoleView.format(s, Duration.ofSeconds(10))).endsWith("p99 e2e     -");
    }
}

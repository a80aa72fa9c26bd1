package io.streamsim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void line_beforeAnyRunEnds_saysTheTimeLeftIsNotKnown() {
        assertThat(new Progress(3).line("topology.grace=2s"))
                .isEqualTo("Sweep: run 1 of 3 (topology.grace=2s): time left not known until the first run ends");
    }

    @Test
    void remaining_twoRunsOf50And70Seconds_meanTimesRunsLeft() {
        Progress p = new Progress(5);
        p.runDone(Duration.ofSeconds(50));
        p.runDone(Duration.ofSeconds(70));

        assertThat(p.remaining()).isEqualTo(Duration.ofSeconds(180));
        assertThat(p.line("x=1")).isEqualTo("Sweep: run 3 of 5 (x=1): about 3m00s left");
    }

    @Test
    void remaining_lastRunDone_isZero() {
        Progress p = new Progress(1);
        p.runDone(Duration.ofSeconds(42));

        assertThat(p.remaining()).isZero();
    }
}

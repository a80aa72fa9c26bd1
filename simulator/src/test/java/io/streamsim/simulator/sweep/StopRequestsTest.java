package io.streamsim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopRequestsTest {

    @Test
    void press_first_letsTheCurrentRunFinishButStartsNoOther() {
        StopRequests stops = new StopRequests();

        assertThat(stops.press()).isEqualTo(StopRequests.Stage.AFTER_CURRENT);
        assertThat(stops.mayStartNext()).isFalse();
        assertThat(stops.stopCurrent()).isFalse();
    }

    @Test
    void press_second_stopsTheCurrentRunNow() {
        StopRequests stops = new StopRequests();
        stops.press();

        assertThat(stops.press()).isEqualTo(StopRequests.Stage.NOW);
        assertThat(stops.stopCurrent()).isTrue();
        assertThat(stops.mayStartNext()).isFalse();
    }

    @Test
    void now_withoutAPress_stopsAtOnce() {
        StopRequests stops = new StopRequests();

        stops.now();

        assertThat(stops.stopCurrent()).isTrue();
        assertThat(stops.press()).isEqualTo(StopRequests.Stage.NOW);
    }

    @Test
    void stage_untouched_runsEverything() {
        StopRequests stops = new StopRequests();

        assertThat(stops.mayStartNext()).isTrue();
        assertThat(stops.stopCurrent()).isFalse();
    }
}

package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.scenario.RatePhase;
import io.streamsim.model.scenario.RateTimeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final RateTimeline CONSTANT = RateTimeline.of(List.of(
            new RatePhase.Constant(Duration.ofSeconds(2), 1_000)));
    private static final RateTimeline RAMP = RateTimeline.of(List.of(
            new RatePhase.Ramp(Duration.ofSeconds(2), 100.0, 2_000)));

    @Test
    void awaitDue_constantRate_releasesEachEventAtItsDueTime() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Pacer pacer = new Pacer(CONSTANT, ticker);
        pacer.start();
        long start = ticker.nanoTime();
        for (long i = 0; i < CONSTANT.totalEvents(); i++) {
            assertThat(pacer.awaitDue(i)).isZero();
            assertThat(ticker.nanoTime()).isEqualTo(start + i * 1_000_000);
        }
        // Event 0 is due at the start: no wait for it.
        assertThat(ticker.parks()).isEqualTo(CONSTANT.totalEvents() - 1);
    }

    @Test
    void awaitDue_rampRate_releasesEachEventAtItsDueTime() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Pacer pacer = new Pacer(RAMP, ticker);
        pacer.start();
        long start = ticker.nanoTime();
        long previous = -1;
        for (long i = 0; i < RAMP.totalEvents(); i++) {
            pacer.awaitDue(i);
            assertThat(ticker.nanoTime()).isEqualTo(start + RAMP.dueOffsetNanos(i));
            long gap = ticker.nanoTime() - start - previous;
            previous = ticker.nanoTime() - start;
            if (i > 1) {
                // Rate rises from 100/s to 2000/s: gaps between 0.5ms and 10ms.
                assertThat(gap).isBetween(490_000L, 10_000_000L);
            }
        }
        assertThat(RAMP.totalEvents()).isEqualTo(2_100);
    }

    @Test
    void awaitDue_tickerPastDue_returnsAtOnceWithoutParkingAndReportsLag() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Pacer pacer = new Pacer(CONSTANT, ticker);
        pacer.start();
        ticker.advance(Duration.ofMillis(15));
        assertThat(pacer.awaitDue(10)).isEqualTo(5_000_000);
        assertThat(pacer.lagNanos(10)).isEqualTo(5_000_000);
        assertThat(ticker.parks()).isZero();
        // Behind schedule, the backlog goes out at once: nothing is skipped.
        for (long i = 11; i <= 15; i++) {
            assertThat(pacer.awaitDue(i)).isEqualTo((15 - i) * 1_000_000);
        }
        assertThat(ticker.parks()).isZero();
        assertThat(pacer.lagNanos(20)).isEqualTo(-5_000_000);
    }

    @Test
    void eventsDue_followsTimelineAndIsCappedAtTotal() {
        FakeTicker ticker = new FakeTicker();
        Pacer pacer = new Pacer(CONSTANT, ticker);
        assertThat(pacer.eventsDue()).isZero();
        pacer.start();
        assertThat(pacer.eventsDue()).isEqualTo(1);
        ticker.advance(Duration.ofMillis(10));
        assertThat(pacer.eventsDue()).isEqualTo(11);
        ticker.advance(Duration.ofNanos(500_000));
        assertThat(pacer.eventsDue()).isEqualTo(11);
        ticker.advance(Duration.ofSeconds(10));
        assertThat(pacer.eventsDue()).isEqualTo(CONSTANT.totalEvents());
    }

    @Test
    void awaitDue_beforeStart_throws() {
        Pacer pacer = new Pacer(CONSTANT, new FakeTicker());
        assertThatThrownBy(() -> pacer.awaitDue(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void systemTicker_parkUntil_returnsAtOrAfterDeadline() throws InterruptedException {
        Ticker ticker = Ticker.system();
        for (long waitNanos : new long[] {0, 20_000, 2_000_000}) {
            long deadline = ticker.nanoTime() + waitNanos;
            ticker.parkUntil(deadline);
            assertThat(ticker.nanoTime()).isGreaterThanOrEqualTo(deadline);
        }
    }

    @Test
    void stepRate_tenfold_releasesTheRestOfTheTimelineTenTimesAsFast() throws InterruptedException {
        RateTimeline timeline = Scenarios.clicks(1, "[{for: 10s, eventsPerSecond: 100}]", "").timeline();
        FakeTicker ticker = new FakeTicker(0);
        Pacer pacer = new Pacer(timeline, ticker);
        pacer.start();

        pacer.awaitDue(200);
        assertThat(ticker.nanoTime()).isEqualTo(2_000_000_000L);
        pacer.stepRate(10);
        pacer.awaitDue(300);

        assertThat(ticker.nanoTime()).as("100 events at 1000/s take 100ms").isEqualTo(2_100_000_000L);
        assertThat(pacer.rateFactor()).isEqualTo(10.0);
        assertThat(pacer.eventsDue()).isEqualTo(301);
        pacer.stepRate(0.1);
        pacer.awaitDue(400);
        assertThat(ticker.nanoTime()).as("back to 100/s").isEqualTo(3_100_000_000L);
    }

    @Test
    void stepRate_notPositive_isRejected() {
        Pacer pacer = new Pacer(Scenarios.clicks(1, "[{for: 1s, eventsPerSecond: 100}]", "").timeline(), new FakeTicker());
        pacer.start();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pacer.stepRate(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

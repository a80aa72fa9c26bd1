package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RateTimelineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void constant_totalEvents_isRateTimesDuration() {
        RateTimeline t = RateTimeline.of(List.of(constant(10, 100)));

        assertThat(t.totalEvents()).isEqualTo(1000);
        assertThat(t.duration()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void constant_dueOffsets_areExactlyIndexOverRate() {
        RateTimeline t = RateTimeline.of(List.of(constant(10, 100)));

        for (int i = 0; i < 1000; i++) {
            assertThat(t.dueOffsetNanos(i)).as("event %d", i).isEqualTo(i * 10_000_000L);
        }
    }

    @Test
    void constant_rateNotDividingASecond_dueOffsetsAreFlooredToTheNanosecond() {
        RateTimeline t = RateTimeline.of(List.of(constant(3, 3)));

        assertThat(t.totalEvents()).isEqualTo(9);
        assertThat(t.dueOffsetNanos(1)).isEqualTo(333_333_333L);
        assertThat(t.dueOffsetNanos(2)).isEqualTo(666_666_666L);
        assertThat(t.dueOffsetNanos(3)).isEqualTo(SECOND);
        assertInverse(t, allIndices(t));
    }

    @Test
    void constant_eventsDueBy_countsEventsStrictlyBefore() {
        RateTimeline t = RateTimeline.of(List.of(constant(10, 100)));

        assertThat(t.eventsDueBy(Duration.ZERO)).isZero();
        assertThat(t.eventsDueBy(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(t.eventsDueBy(Duration.ofMillis(10))).isEqualTo(1);
        assertThat(t.eventsDueBy(Duration.ofMillis(10).plusNanos(1))).isEqualTo(2);
        assertThat(t.eventsDueBy(Duration.ofSeconds(1))).isEqualTo(100);
        assertThat(t.eventsDueBy(Duration.ofSeconds(10))).isEqualTo(1000);
        assertThat(t.eventsDueBy(Duration.ofHours(1))).isEqualTo(1000);
        assertThat(t.eventsDueBy(Duration.ofSeconds(-1))).isZero();
    }

    @Test
    void ramp_totalEvents_isTheAreaUnderTheLine() {
        assertThat(RateTimeline.of(List.of(ramp(10, 0.0, 1000))).totalEvents()).isEqualTo(5000);
        assertThat(RateTimeline.of(List.of(ramp(10, 100.0, 1000))).totalEvents()).isEqualTo(5500);
        assertThat(RateTimeline.of(List.of(ramp(10, 1000.0, 0))).totalEvents()).isEqualTo(5000);
        assertThat(RateTimeline.of(List.of(constant(5, 200), ramp(10, null, 0))).totalEvents()).isEqualTo(1000 + 1000);
    }

    @Test
    void ramp_dueOffsets_areMonotonicAndInsideThePhase() {
        RateTimeline t = RateTimeline.of(List.of(ramp(10, 0.0, 1000)));

        long previous = -1;
        for (long i = 0; i < t.totalEvents(); i++) {
            long due = t.dueOffsetNanos(i);
            assertThat(due).as("event %d", i).isGreaterThan(previous).isLessThan(10 * SECOND);
            previous = due;
        }
        // From 0 the cumulative count is 50 t^2, so event i is due at sqrt(i / 50) seconds.
        assertThat(t.dueOffsetNanos(50)).isCloseTo(SECOND, within(1L));
        assertThat(t.dueOffsetNanos(1250)).isCloseTo(5 * SECOND, within(1L));
    }

    @Test
    void ramp_eventsDueByAndDueOffset_areInverse() {
        RateTimeline up = RateTimeline.of(List.of(ramp(10, 0.0, 1000)));
        RateTimeline down = RateTimeline.of(List.of(ramp(10, 1000.0, 0)));
        RateTimeline steep = RateTimeline.of(List.of(ramp(7, 3.0, 77_777)));

        assertInverse(up, allIndices(up));
        assertInverse(down, allIndices(down));
        assertInverse(steep, sampledIndices(steep, 20_000, 1));
    }

    @Test
    void ramp_rateAt_isLinear() {
        RateTimeline t = RateTimeline.of(List.of(ramp(10, 100.0, 1100)));

        assertThat(t.rateAt(Duration.ZERO)).isEqualTo(100);
        assertThat(t.rateAt(Duration.ofSeconds(5))).isEqualTo(600);
        assertThat(t.rateAt(Duration.ofMillis(9_990))).isCloseTo(1099, offset(1e-6));
    }

    @Test
    void step_multipliesThePreviousRate() {
        RateTimeline t = RateTimeline.of(List.of(constant(15, 2000), new RatePhase.Step(Duration.ofSeconds(15), 10)));

        assertThat(t.rateAt(Duration.ofSeconds(20))).isEqualTo(20_000);
        assertThat(t.totalEvents()).isEqualTo(30_000 + 300_000);
        assertThat(t.dueOffsetNanos(30_000)).isEqualTo(15 * SECOND);
        assertThat(t.dueOffsetNanos(30_001)).isEqualTo(15 * SECOND + 50_000);
    }

    @Test
    void step_afterARamp_multipliesTheRampsFinalRate() {
        RateTimeline t = RateTimeline.of(List.of(ramp(10, 0.0, 100), new RatePhase.Step(Duration.ofSeconds(1), 3)));

        assertThat(t.rateAt(Duration.ofMillis(10_500))).isEqualTo(300);
    }

    @Test
    void spike_burstsThenReturnsToThePreviousRate() {
        RateTimeline t = RateTimeline.of(List.of(constant(20, 3000),
                new RatePhase.Spike(Duration.ofSeconds(10), 15_000, Duration.ofSeconds(3)),
                new RatePhase.Step(Duration.ofSeconds(10), 2)));

        assertThat(t.rateAt(Duration.ofSeconds(20))).isEqualTo(15_000);
        assertThat(t.rateAt(Duration.ofMillis(22_999))).isEqualTo(15_000);
        assertThat(t.rateAt(Duration.ofSeconds(23))).isEqualTo(3000);
        assertThat(t.rateAt(Duration.ofSeconds(30))).as("a step after a spike starts from the rate before it")
                .isEqualTo(6000);
        assertThat(t.totalEvents()).isEqualTo(60_000 + 45_000 + 21_000 + 60_000);
        assertThat(t.eventsDueBy(Duration.ofSeconds(23))).isEqualTo(105_000);
        assertThat(t.segments()).extracting(RateTimeline.Segment::label)
                .containsExactly("rate[0]", "rate[1]", "rate[1]", "rate[2]");
        assertInverse(t, sampledIndices(t, 20_000, 2));
    }

    @Test
    void spike_lastingTheWholePhase_isOneSegment() {
        RateTimeline t = RateTimeline.of(List.of(constant(1, 10),
                new RatePhase.Spike(Duration.ofSeconds(2), 100, Duration.ofSeconds(2))));

        assertThat(t.segments()).hasSize(2);
        assertThat(t.totalEvents()).isEqualTo(210);
    }

    @Test
    void zeroRatePhaseInTheMiddle_hasNoEventDueInsideIt() {
        RateTimeline t = RateTimeline.of(List.of(constant(1, 10), constant(5, 0), constant(1, 10)));

        assertThat(t.totalEvents()).isEqualTo(20);
        for (long i = 0; i < t.totalEvents(); i++) {
            long due = t.dueOffsetNanos(i);
            assertThat(due).as("event %d", i).satisfiesAnyOf(
                    d -> assertThat(d).isLessThan(SECOND),
                    d -> assertThat(d).isGreaterThanOrEqualTo(6 * SECOND));
        }
        assertThat(t.dueOffsetNanos(10)).isEqualTo(6 * SECOND);
        assertThat(t.eventsDueBy(Duration.ofMillis(1500))).isEqualTo(10);
        assertThat(t.eventsDueBy(Duration.ofSeconds(6))).isEqualTo(10);
        assertThat(t.eventsDueBy(Duration.ofSeconds(6).plusNanos(1))).isEqualTo(11);
        assertThat(t.rateAt(Duration.ofSeconds(3))).isZero();
        assertInverse(t, allIndices(t));
    }

    @Test
    void rampFromAZeroRatePhase_startsAtThePhaseStart() {
        RateTimeline t = RateTimeline.of(List.of(constant(1, 10), constant(1, 0), ramp(2, null, 100)));

        assertThat(t.totalEvents()).isEqualTo(10 + 100);
        assertThat(t.dueOffsetNanos(10)).isEqualTo(2 * SECOND);
        assertInverse(t, allIndices(t));
    }

    @Test
    void rateAt_phaseBoundary_belongsToTheNextPhase() {
        RateTimeline t = RateTimeline.of(List.of(constant(15, 2000), new RatePhase.Step(Duration.ofSeconds(15), 10),
                ramp(10, null, 2000)));

        assertThat(t.rateAt(Duration.ZERO)).isEqualTo(2000);
        assertThat(t.rateAt(Duration.ofSeconds(15).minusNanos(1))).isEqualTo(2000);
        assertThat(t.rateAt(Duration.ofSeconds(15))).isEqualTo(20_000);
        assertThat(t.rateAt(Duration.ofSeconds(30))).as("the ramp starts at the step's rate").isEqualTo(20_000);
        assertThat(t.rateAt(Duration.ofSeconds(35))).isEqualTo(11_000);
        assertThat(t.rateAt(Duration.ofSeconds(40))).as("past the end").isZero();
    }

    @Test
    void dueOffsetNanos_outsideTheTimeline_isRejected() {
        RateTimeline t = RateTimeline.of(List.of(constant(1, 10)));

        assertThatThrownBy(() -> t.dueOffsetNanos(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.dueOffsetNanos(10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void of_relativeFirstPhase_isRejected() {
        assertThatThrownBy(() -> RateTimeline.of(List.of(new RatePhase.Step(Duration.ofSeconds(1), 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate[0]");
    }

    @Test
    void shippedScenarioShapes_eventsDueByAndDueOffset_areInverse() {
        RateTimeline baseline = RateTimeline.of(List.of(constant(15, 2000), new RatePhase.Step(Duration.ofSeconds(15), 10),
                ramp(10, null, 2000)));

        assertThat(baseline.totalEvents()).isEqualTo(30_000 + 300_000 + 110_000);
        assertInverse(baseline, sampledIndices(baseline, 50_000, 3));
    }

    /** For each i: i events are due strictly before due(i), and i + 1 one nanosecond later. */
    private static void assertInverse(RateTimeline t, long[] indices) {
        long previous = -1;
        for (long i : indices) {
            long due = t.dueOffsetNanos(i);
            assertThat(due).as("due(%d) increases", i).isGreaterThan(previous);
            previous = due;
            assertThat(t.eventsDueBy(Duration.ofNanos(due))).as("eventsDueBy(due(%d))", i).isEqualTo(i);
            assertThat(t.eventsDueBy(Duration.ofNanos(due + 1))).as("eventsDueBy(due(%d) + 1ns)", i).isEqualTo(i + 1);
        }
    }

    private static long[] allIndices(RateTimeline t) {
        return LongStream.range(0, t.totalEvents()).toArray();
    }

    /** The first and last events of every segment, plus {@code count} random ones, ascending. */
    private static long[] sampledIndices(RateTimeline t, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TreeSet<Long> indices = new TreeSet<>();
        for (RateTimeline.Segment s : t.segments()) {
            long first = (long) Math.ceil(s.eventsBefore());
            for (long i = first - 2; i <= first + 2; i++) {
                if (i >= 0 && i < t.totalEvents()) {
                    indices.add(i);
                }
            }
        }
        indices.add(t.totalEvents() - 1);
        for (int k = 0; k < count; k++) {
            indices.add(random.nextLong(t.totalEvents()));
        }
        return indices.stream().mapToLong(Long::longValue).toArray();
    }

    private static RatePhase constant(long seconds, double eventsPerSecond) {
        return new RatePhase.Constant(Duration.ofSeconds(seconds), eventsPerSecond);
    }

    private static RatePhase ramp(long seconds, Double from, double to) {
        return new RatePhase.Ramp(Duration.ofSeconds(seconds), from, to);
    }
}

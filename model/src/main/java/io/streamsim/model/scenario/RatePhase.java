package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One phase of the rate timeline, lasting {@link #duration()} ({@code for:} in YAML). Phases follow each
 * other; {@link Step}, {@link Spike} and a {@link Ramp} without {@code from} start from the rate at which
 * the previous phase ended.
 */
public sealed interface RatePhase {

    Duration duration();

    /** How long {@code phases} last together: a scenario's {@code duration} when its file leaves it out. */
    static Duration total(List<RatePhase> phases) {
        return phases.stream().map(RatePhase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** A steady rate. YAML: {@code {for: 30s, eventsPerSecond: 5000}}. */
    record Constant(Duration duration, double eventsPerSecond) implements RatePhase {
        public Constant {
            Checks.at("").positive("for", duration)
                    .that(eventsPerSecond >= 0, "eventsPerSecond", "must be >= 0, was " + eventsPerSecond)
                    .done();
        }
    }

    /**
     * A linear change of rate over the phase. {@code fromEventsPerSecond} is null to start where the
     * previous phase ended. YAML: {@code {for: 30s, ramp: {to: 50000}}} or {@code ramp: {from: 100, to: 1000}}.
     */
    record Ramp(Duration duration, Double fromEventsPerSecond, double toEventsPerSecond) implements RatePhase {
        public Ramp {
            Checks.at("").positive("for", duration)
                    .that(fromEventsPerSecond == null || fromEventsPerSecond >= 0, "ramp.from",
                            "must be >= 0, was " + fromEventsPerSecond)
                    .that(toEventsPerSecond >= 0, "ramp.to", "must be >= 0, was " + toEventsPerSecond)
                    .done();
        }
    }

    /**
     * An instant change to the previous phase's final rate times {@code factor}, held for the phase:
     * the "10x step". YAML: {@code {for: 30s, step: {factor: 10}}}.
     */
    record Step(Duration duration, double factor) implements RatePhase {
        public Step {
            Checks.at("").positive("for", duration).positive("step.factor", factor).done();
        }
    }

    /**
     * A burst at {@code peakEventsPerSecond} for the first {@code lasting} of the phase, then back to the
     * previous phase's final rate. YAML: {@code {for: 20s, spike: {eventsPerSecond: 50000, lasting: 2s}}}.
     */
    record Spike(Duration duration, double peakEventsPerSecond, Duration lasting) implements RatePhase {
        public Spike {
            Checks.at("").positive("for", duration)
                    .positive("spike.eventsPerSecond", peakEventsPerSecond)
                    .positive("spike.lasting", lasting)
                    .that(lasting.compareTo(duration) <= 0, "spike.lasting",
                            "must not be longer than the phase (" + Durations.format(duration) + "), was "
                                    + Durations.format(lasting))
                    .done();
        }
    }
}

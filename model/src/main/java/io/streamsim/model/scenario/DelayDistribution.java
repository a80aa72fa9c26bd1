package io.streamsim.model.scenario;

import java.time.Duration;

/** How far behind its send time a late event's event time lies. */
public sealed interface DelayDistribution {

    /** The largest delay the distribution itself produces, used when {@code maxDelay} is not given. */
    Duration naturalMax();

    /** YAML: {@code delay: {fixed: 8s}}. */
    record Fixed(Duration delay) implements DelayDistribution {
        public Fixed {
            Checks.at("").positive("fixed", delay).done();
        }

        @Override
        public Duration naturalMax() {
            return delay;
        }
    }

    /** YAML: {@code delay: {uniform: {min: 1s, max: 10s}}}. */
    record Uniform(Duration min, Duration max) implements DelayDistribution {
        public Uniform {
            Checks.at("uniform").notNegative("min", min).positive("max", max)
                    .that(min.compareTo(max) < 0, "max", "must be greater than min (" + Durations.format(min) + ")")
                    .done();
        }

        @Override
        public Duration naturalMax() {
            return max;
        }
    }

    /** YAML: {@code delay: {exponential: {mean: 8s}}}; unbounded, so capped at ten means unless maxDelay says. */
    record Exponential(Duration mean) implements DelayDistribution {
        public Exponential {
            Checks.at("exponential").positive("mean", mean).done();
        }

        @Override
        public Duration naturalMax() {
            return mean.multipliedBy(10);
        }
    }
}

package io.streamsim.model.scenario;

/** How event keys are drawn from the {@code events.keys} key space. */
public sealed interface KeyDistribution {

    /** Every key equally likely. YAML: {@code keyDistribution: uniform}. */
    record Uniform() implements KeyDistribution {
    }

    /**
     * Key of rank k (1-based) drawn with probability proportional to {@code 1 / k^exponent}.
     * YAML: {@code keyDistribution: {zipf: 1.1}}.
     */
    record Zipf(double exponent) implements KeyDistribution {
        public Zipf {
            Checks.at("zipf").positive("", exponent).done();
        }
    }

    /**
     * A hot set: the first {@code keyFraction} of the keys get {@code trafficFraction} of the events, uniformly
     * among themselves; the rest share the remainder uniformly.
     * YAML: {@code keyDistribution: {hotspot: {keyFraction: 0.01, trafficFraction: 0.9}}}.
     */
    record Hotspot(double keyFraction, double trafficFraction) implements KeyDistribution {
        public Hotspot {
            Checks.at("hotspot")
                    .that(keyFraction > 0 && keyFraction < 1, "keyFraction", "must be in (0, 1), was " + keyFraction)
                    .fraction("trafficFraction", trafficFraction)
                    .done();
        }
    }
}

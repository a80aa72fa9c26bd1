package io.streamsim.producers;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;

/** Scenarios for tests, written as the YAML a user would write. */
final class Scenarios {

    private Scenarios() {
    }

    static Scenario parse(String yaml) {
        return ScenarioLoader.parse(yaml, "test", null);
    }

    /**
     * A scenario with the given {@code events:}, {@code rate:} and extra top-level lines (disorder, dirt,
     * producer, seed is given separately).
     */
    static Scenario of(long seed, String events, String rate, String extra) {
        return parse("name: test\n"
                + "seed: " + seed + "\n"
                + "events: " + events + "\n"
                + "rate: " + rate + "\n"
                + "topology: {window: {tumbling: 10s}}\n"
                + extra);
    }

    static Scenario clicks(long seed, String rate, String extra) {
        return of(seed, "{type: clickstream, keys: 2000, keyDistribution: {zipf: 1.1}}", rate, extra);
    }

    static Scenario orders(long seed, String rate, String extra) {
        return of(seed, "{type: orders, keys: 500, keyDistribution: {hotspot: {keyFraction: 0.02, trafficFraction: 0.5}}}",
                rate, extra);
    }
}

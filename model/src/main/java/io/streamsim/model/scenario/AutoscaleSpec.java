package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * A lag rule that scales the app out: when the committed lag stays above {@code lagAboveRecords} for
 * {@code sustained}, one more instance is started, up to {@code maxInstances}; after a scale-out the rule waits
 * {@code cooldown} (rebalance and catch-up time) before it looks again.
 * YAML: {@code app: {autoscale: {lagAbove: 20000, for: 5s, maxInstances: 4, cooldown: 20s}}}.
 */
public record AutoscaleSpec(long lagAboveRecords, Duration sustained, int maxInstances, Duration cooldown) {

    /** The {@code cooldown} when a file leaves it out: room for a rebalance and the catch-up after it. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(20);

    public AutoscaleSpec {
        Checks.at("").positive("lagAbove", lagAboveRecords).positive("for", sustained)
                .range("maxInstances", maxInstances, 1, 32).notNegative("cooldown", cooldown).done();
    }
}

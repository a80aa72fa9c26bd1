package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * The aggregation every step list ends with: count, sum and the other measures per key per window. YAML, in a
 * step list: {@code - window: {session: {inactivityGap: 30s}, grace: 5s, emit: final}}; in the flat form the
 * same three values stand in {@code topology:} itself.
 *
 * @param grace how long after a window closes by its own rule records for it are still accepted, in stream time
 */
public record WindowStep(WindowSpec window, Duration grace, EmitMode emit) implements Step {

    public WindowStep {
        Checks.at("").notNull("window", window).notNull("grace", grace).notNull("emit", emit).done();
        Checks.at("").notNegative("grace", grace)
                .that(grace.toNanos() % 1_000_000 == 0, "grace", "must be whole milliseconds")
                .done();
    }

    @Override
    public String kind() {
        return "window";
    }

    @Override
    public int rank() {
        return 3;
    }

    @Override
    public String describe() {
        return window.describe() + ", grace " + Durations.format(grace) + ", emit " + emit.name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * Event-time disorder: a {@code lateFraction} of events carry an event time {@code delay} earlier than
 * their send time, capped at {@code maxDelay}; the others carry their send time. Both durations are event time:
 * under {@code events.timeScale} they are not scaled, so a 10080x run with an 8 s mean delay is nearly ordered
 * unless the scenario says hours.
 */
public record DisorderSpec(double lateFraction, DelayDistribution delay, Duration maxDelay) {

    /** No disorder: every event time is its send time. */
    public static final DisorderSpec NONE = new DisorderSpec(0, new DelayDistribution.Fixed(Duration.ofMillis(1)),
            Duration.ofMillis(1));

    public DisorderSpec {
        Checks.at("")
                .fraction("lateFraction", lateFraction)
                .notNull("delay", delay)
                .notNull("maxDelay", maxDelay)
                .done();
        Checks.at("").positive("maxDelay", maxDelay).done();
    }
}

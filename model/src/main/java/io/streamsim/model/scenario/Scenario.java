package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A whole scenario: the workload, the pipeline it runs through, and what to say about it.
 * {@link #duration()} is the length of the rate timeline; the simulator drains the pipeline after it.
 */
public record Scenario(
        String name,
        String prompt,
        long seed,
        Duration duration,
        EventsSpec events,
        List<RatePhase> rate,
        DisorderSpec disorder,
        DirtSpec dirt,
        TopologySpec topology,
        TopicsSpec topics,
        AppSpec app,
        ProducerSpec producer,
        List<String> talkingPoints) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Scenario {
        rate = List.copyOf(rate);
        talkingPoints = List.copyOf(talkingPoints);
        Checks.at("")
                .that(name != null && NAME.matcher(name).matches(), "name",
                        "must be lower-case letters, digits and dashes, was '" + name + "'")
                .notNull("prompt", prompt)
                .notNull("duration", duration)
                .notNull("events", events)
                .that(!rate.isEmpty(), "rate", "needs at least one phase")
                .notNull("disorder", disorder)
                .notNull("dirt", dirt)
                .notNull("topology", topology)
                .notNull("topics", topics)
                .notNull("app", app)
                .notNull("producer", producer)
                .done();
        Checks checks = Checks.at("");
        if (!rate.isEmpty()) {
            RatePhase first = rate.get(0);
            boolean relative = first instanceof RatePhase.Step || first instanceof RatePhase.Spike
                    || first instanceof RatePhase.Ramp r && r.fromEventsPerSecond() == null;
            checks.that(!relative, "rate[0]",
                    "the first phase has no previous rate to start from: give eventsPerSecond, or ramp.from");
            Duration total = rate.stream().map(RatePhase::duration).reduce(Duration.ZERO, Duration::plus);
            checks.that(total.equals(duration), "duration", "is " + Durations.format(duration)
                    + " but the rate phases last " + Durations.format(total) + ": make them agree, or leave duration out");
        }
        checks.done();
    }

    /** The rate timeline resolved into linear segments. */
    public RateTimeline timeline() {
        return RateTimeline.of(rate);
    }
}

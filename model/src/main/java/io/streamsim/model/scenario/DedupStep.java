package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * Drops an event whose id was already seen within {@code within} of stream time. YAML:
 * {@code - dedup: {within: 10m}}.
 *
 * <p>Stream time is the task's (the largest input timestamp so far, the current record included). An event
 * is kept when no earlier kept copy of its id was seen at a stream time of at least {@code streamTime - within};
 * a kept event is remembered at the stream time it was seen. Within 10m: an id first seen at stream time 12:00
 * drops copies while stream time is at most 12:10 and lets the first copy after that through (and remembers it
 * anew).
 */
public record DedupStep(Duration within) implements Step {

    public DedupStep {
        Checks.at("").positive("within", within)
                .that(within == null || within.toNanos() % 1_000_000 == 0, "within", "must be whole milliseconds")
                .done();
    }

    @Override
    public String kind() {
        return "dedup";
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public String describe() {
        return "dedup within " + Durations.format(within);
    }
}

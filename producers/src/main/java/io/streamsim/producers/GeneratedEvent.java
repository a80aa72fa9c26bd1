package io.streamsim.producers;

import io.streamsim.model.Event;

/**
 * One event of the stream with how it is to be sent.
 *
 * @param dueOffsetNanos when the rate timeline says it is due, from the start of the run
 * @param late           its event time was set back by a sampled delay (event-time disorder)
 * @param duplicated     the sender sends it twice, identically (dirty input)
 * @param poisonFollows  the sender sends an undecodable record right after it (dirty input)
 */
public record GeneratedEvent(Event event, long dueOffsetNanos, boolean late, boolean duplicated, boolean poisonFollows) {
}

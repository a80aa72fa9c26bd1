package io.streamsim.producers;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of the load generator's progress. Once {@link LoadGenerator#awaitDone} has returned true,
 * {@code recordsSent == recordsAcked + recordsFailed} and {@code recordsSent == eventsSent + duplicatesSent}.
 *
 * @param eventsDue      events the rate timeline has made due by now, capped at its total
 * @param eventsSent     distinct events handed to a producer
 * @param recordsSent    records handed to a producer, duplicates included
 * @param recordsAcked   records the broker acknowledged
 * @param recordsFailed  records whose send failed (synchronously or in the callback)
 * @param duplicatesSent second copies of duplicated events
 * @param maxEventTime   the latest event time sent, or null before the first send
 * @param scheduleLag    how far behind its due time the furthest-behind thread's current send is; zero on time
 * @param lastError      the most recent send failure, or null
 * @param poisonSent     undecodable records sent after events (dirt.poisonFraction); not in the record counts
 */
public record ProducerStats(
        long eventsDue,
        long eventsSent,
        long recordsSent,
        long recordsAcked,
        long recordsFailed,
        long duplicatesSent,
        Instant maxEventTime,
        Duration scheduleLag,
        String lastError,
        long poisonSent) {
}

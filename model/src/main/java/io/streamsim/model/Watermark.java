package io.streamsim.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The end-of-stream marker the simulator writes once into every input partition after the last event.
 * Its event time lies past the close of every window (end + grace), so that windows held back for
 * final emission are emitted; the app aggregates it under {@link #KEY} like any record (stream time
 * only advances for records that reach the window store and the suppression buffer) and keeps it out
 * of the output. It is not an event: no counter of events includes it.
 */
public record Watermark(Instant eventTime) implements Event {

    public static final String KEY = "__streamsim_watermark__";

    public Watermark {
        Objects.requireNonNull(eventTime, "eventTime");
    }

    @Override
    public long id() {
        return -1;
    }

    @Override
    public String key() {
        return KEY;
    }

    /** A watermark has no fields: a groupBy step keeps it under {@link #KEY}. */
    @Override
    public String field(String name) {
        return null;
    }

    @Override
    public long aggregatedValue() {
        return 0;
    }

    @Override
    public EventType type() {
        return EventType.WATERMARK;
    }

    @Override
    public Watermark withEventTime(Instant time) {
        return new Watermark(time);
    }

    /** A watermark is never enriched. */
    @Override
    public Enrichment enrichment() {
        return null;
    }

    /** A watermark is never enriched: itself. */
    @Override
    public Watermark withEnrichment(Enrichment joined) {
        return this;
    }
}

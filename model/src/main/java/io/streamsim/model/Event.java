package io.streamsim.model;

import java.time.Instant;

/**
 * One input record. {@link #id()} is the event's index in the scenario's stream: a duplicate carries
 * the id of its original, which is what lets a checker tell a duplicate from a new event.
 */
public sealed interface Event permits ClickEvent, OrderEvent, Watermark {

    long id();

    /** The aggregation key: a page for clicks, a seller for orders. */
    String key();

    Instant eventTime();

    /** The quantity summed per window: dwell time in milliseconds for a click, cents for an order. */
    long aggregatedValue();

    EventType type();

    /**
     * The value of a text field by its name in {@link EventType#fields()} ({@code userId}, {@code sku}), or of an
     * attribute an enrich step joined on ({@code region}), or null when this event has no such field: what a groupBy
     * step keys by.
     */
    String field(String name);

    /** What an enrich step joined onto this event, or null when none did. */
    Enrichment enrichment();

    /** The same event carrying {@code enrichment} (null: not enriched). */
    Event withEnrichment(Enrichment enrichment);

    /** The same event at another event time (a live rate step moves event times with send times). */
    Event withEventTime(Instant eventTime);
}

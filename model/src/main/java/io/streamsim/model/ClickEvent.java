package io.streamsim.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's action on a page; {@code page} is the key, {@code dwellMillis} the summed value.
 *
 * @param enrichment the page's row an enrich step joined on, or null when no enrich step saw the click
 */
public record ClickEvent(
        long id,
        Instant eventTime,
        String page,
        String userId,
        String sessionId,
        String action,
        String referrer,
        long dwellMillis,
        Enrichment enrichment) implements Event {

    /** A click as the generator makes it: not enriched. */
    public ClickEvent(long id, Instant eventTime, String page, String userId, String sessionId, String action,
                      String referrer, long dwellMillis) {
        this(id, eventTime, page, userId, sessionId, action, referrer, dwellMillis, null);
    }

    public ClickEvent {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(referrer, "referrer");
        if (dwellMillis < 0) {
            throw new IllegalArgumentException("dwellMillis must be >= 0, was " + dwellMillis);
        }
    }

    @Override
    public String key() {
        return page;
    }

    @Override
    public String field(String name) {
        return switch (name) {
            case "page" -> page;
            case "userId" -> userId;
            case "sessionId" -> sessionId;
            case "action" -> action;
            case "referrer" -> referrer;
            default -> enrichment == null ? null : enrichment.field(type(), name);
        };
    }

    @Override
    public long aggregatedValue() {
        return dwellMillis;
    }

    @Override
    public EventType type() {
        return EventType.CLICKSTREAM;
    }

    @Override
    public ClickEvent withEventTime(Instant time) {
        return new ClickEvent(id, time, page, userId, sessionId, action, referrer, dwellMillis, enrichment);
    }

    @Override
    public ClickEvent withEnrichment(Enrichment joined) {
        return new ClickEvent(id, eventTime, page, userId, sessionId, action, referrer, dwellMillis, joined);
    }
}

package io.streamsim.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An order placed with a seller; {@code sellerId} is the key, {@code amountCents} the summed value.
 *
 * @param enrichment the seller's row an enrich step joined on, or null when no enrich step saw the order
 */
public record OrderEvent(
        long id,
        Instant eventTime,
        String sellerId,
        String orderId,
        String customerId,
        String sku,
        int quantity,
        long amountCents,
        String currency,
        Enrichment enrichment) implements Event {

    /** An order as the generator makes it: not enriched. */
    public OrderEvent(long id, Instant eventTime, String sellerId, String orderId, String customerId, String sku,
                      int quantity, long amountCents, String currency) {
        this(id, eventTime, sellerId, orderId, customerId, sku, quantity, amountCents, currency, null);
    }

    public OrderEvent {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(currency, "currency");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be > 0, was " + quantity);
        }
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must be >= 0, was " + amountCents);
        }
    }

    @Override
    public String key() {
        return sellerId;
    }

    @Override
    public String field(String name) {
        return switch (name) {
            case "sellerId" -> sellerId;
            case "orderId" -> orderId;
            case "customerId" -> customerId;
            case "sku" -> sku;
            case "currency" -> currency;
            default -> enrichment == null ? null : enrichment.field(type(), name);
        };
    }

    @Override
    public long aggregatedValue() {
        return amountCents;
    }

    @Override
    public EventType type() {
        return EventType.ORDERS;
    }

    @Override
    public OrderEvent withEventTime(Instant time) {
        return new OrderEvent(id, time, sellerId, orderId, customerId, sku, quantity, amountCents, currency,
                enrichment);
    }

    @Override
    public OrderEvent withEnrichment(Enrichment joined) {
        return new OrderEvent(id, eventTime, sellerId, orderId, customerId, sku, quantity, amountCents, currency,
                joined);
    }
}

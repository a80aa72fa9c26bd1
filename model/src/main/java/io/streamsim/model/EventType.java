package io.streamsim.model;

import java.util.List;
import java.util.Locale;

/** The event shapes a scenario can ask for. */
public enum EventType {
    /** Page views and clicks; aggregated as clicks and dwell time per page. */
    CLICKSTREAM("page", List.of("page", "userId", "sessionId", "action", "referrer")),
    /** Marketplace orders; aggregated as orders and revenue per seller. */
    ORDERS("seller", List.of("sellerId", "orderId", "customerId", "sku", "currency")),
    /** End-of-stream marker; never part of a scenario. */
    WATERMARK("watermark", List.of());

    private final String keyPrefix;
    private final List<String> fields;

    EventType(String keyPrefix, List<String> fields) {
        this.keyPrefix = keyPrefix;
        this.fields = fields;
    }

    /** The text fields a topology step can key by ({@link Event#field(String)}), in declaration order. */
    public List<String> fields() {
        return fields;
    }

    /** Key names are {@code <prefix>-<index>}, e.g. {@code page-00042}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.streamsim.model;

import java.util.Locale;

/** The event shapes a scenario can ask for. */
public enum EventType {
    /** Page views and clicks; aggregated as clicks and dwell time per page. */
    CLICKSTREAM("page"),
    /** Marketplace orders; aggregated as orders and revenue per seller. */
    ORDERS("seller"),
    /** End-of-stream marker; never part of a scenario. */
    WATERMARK("watermark");

    private final String keyPrefix;

    EventType(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** Key names are {@code <prefix>-<index>}, e.g. {@code page-00042}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

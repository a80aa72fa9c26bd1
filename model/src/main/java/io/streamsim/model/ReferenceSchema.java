package io.streamsim.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dimension table each event type can be enriched with: one row per event key (a seller of the orders, a page of
 * the clickstream), its attributes drawn from small fixed domains. {@link #movable()} are the attributes a slowly
 * changing update may change (a seller moves region or tier; a page moves section); the others stay as generated.
 *
 * <p>The domains are part of the model, not of the generator, so that a step reading an enriched field (a
 * {@code groupBy: {field: region}} after an enrich) can be validated and its oracle knows every value.
 */
public enum ReferenceSchema {
    /** Orders are enriched by seller: {@code region}, {@code tier}, {@code category}. */
    SELLERS("sellers", EventType.ORDERS, attributes(
            "region", List.of("eu-west", "eu-central", "us-east", "us-west", "ap-south", "ap-east"),
            "tier", List.of("bronze", "silver", "gold", "platinum"),
            "category", List.of("books", "electronics", "fashion", "home", "toys", "grocery", "sports", "beauty")),
            Set.of("region", "tier")),
    /** Clicks are enriched by page: {@code category}, {@code section}. */
    PAGES("pages", EventType.CLICKSTREAM, attributes(
            "category", List.of("landing", "product", "search", "cart", "checkout", "account", "help", "blog"),
            "section", List.of("news", "deals", "catalog", "support", "editorial")),
            Set.of("section"));

    /** Field names a row's JSON uses for itself: no attribute may take them. */
    public static final Set<String> RESERVED = Set.of("key", "version", "validFromMs");

    private final String tableName;
    private final EventType eventType;
    private final Map<String, List<String>> attributes;
    private final Set<String> movable;

    ReferenceSchema(String tableName, EventType eventType, Map<String, List<String>> attributes, Set<String> movable) {
        this.tableName = tableName;
        this.eventType = eventType;
        this.attributes = attributes;
        this.movable = movable;
    }

    /**
     * The reference topic of a run whose input topic is {@code inputTopic}: beside it, {@code streamsim.r1.events}
     * -> {@code streamsim.r1.reference}; a name without the {@code .events} suffix gets {@code .reference} appended.
     * The simulator creates it under this name and the app's enrich step reads it under this name.
     */
    public static String topicBeside(String inputTopic) {
        String suffix = ".events";
        String base = inputTopic.endsWith(suffix) ? inputTopic.substring(0, inputTopic.length() - suffix.length())
                : inputTopic;
        return base + ".reference";
    }

    /** The table an enrich step names: {@code sellers}, {@code pages}. */
    public static ReferenceSchema named(String tableName) {
        for (ReferenceSchema s : values()) {
            if (s.tableName.equals(tableName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no reference table named '" + tableName + "'");
    }

    /** The table of an event type's keys. */
    public static ReferenceSchema of(EventType type) {
        for (ReferenceSchema s : values()) {
            if (s.eventType == type) {
                return s;
            }
        }
        throw new IllegalArgumentException("no reference table for " + type);
    }

    /** The table's name, as an enrich step names it: {@code sellers}, {@code pages}. */
    public String tableName() {
        return tableName;
    }

    public EventType eventType() {
        return eventType;
    }

    /** Attribute name to its domain, in declaration order (the order of a row's JSON). */
    public Map<String, List<String>> attributes() {
        return attributes;
    }

    /** The attributes an update may change, a subset of {@link #attributes()}. */
    public Set<String> movable() {
        return movable;
    }

    private static Map<String, List<String>> attributes(Object... nameThenValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) nameThenValues[i + 1];
            m.put((String) nameThenValues[i], List.copyOf(values));
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}

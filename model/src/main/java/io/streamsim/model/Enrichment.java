package io.streamsim.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an enrich step joined onto an event: the attributes of the reference row it found and that row's
 * {@link ReferenceRow#version()}, so that a reader of the enriched stream (the oracle) can tell which version of the
 * row the join used and compare it with the row as of the event's own time. An event whose key had no row and was
 * kept ({@code onMissing: keep}) carries {@link #MISSING}: no attributes, version -1.
 *
 * @param attributes attribute name to value, in the schema's order; empty for {@link #MISSING}
 * @param version    the row version the join used; -1 when it found none
 */
public record Enrichment(Map<String, String> attributes, long version) {

    /** The join found no row for the event's key (and the step keeps such events). */
    public static final Enrichment MISSING = new Enrichment(Map.of(), -1);

    public Enrichment {
        Objects.requireNonNull(attributes, "attributes");
        if (version < -1) {
            throw new IllegalArgumentException("version must be >= -1, was " + version);
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The row's attributes and version. */
    public static Enrichment of(ReferenceRow row) {
        return new Enrichment(row.attributes(), row.version());
    }

    /**
     * What a groupBy keys by when the join found no row and kept the event: every attribute of the table reads
     * {@value}, so that such events aggregate together instead of failing the step.
     */
    public static final String NO_ROW = "(no-row)";

    /**
     * The value of {@code name} for an event of {@code type}: the row's attribute; {@link #NO_ROW} for an attribute
     * of the type's table when no row was found; null when the table has no such attribute.
     */
    public String field(EventType type, String name) {
        String value = attributes.get(name);
        if (value == null && !found() && ReferenceSchema.of(type).attributes().containsKey(name)) {
            return NO_ROW;
        }
        return value;
    }

    /** Whether the join found a row. */
    public boolean found() {
        return version >= 0;
    }
}

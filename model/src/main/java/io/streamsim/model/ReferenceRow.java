package io.streamsim.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One version of one row of a reference table: the row of {@code key} as it is from event time {@code validFrom}
 * on, until a row of the same key with a higher {@code version} takes over. Version 0 is the row as the table
 * starts; an update carries the next version and the event time at which it takes effect, which is also its
 * record's timestamp on the reference topic (so a versioned table store puts it at the right place in history).
 *
 * <p>Example: {@code seller-042} is {@code {region: eu-west}} at version 0 (valid from the run's origin) and moves
 * to {@code us-east} at version 1, valid from 12:00:07.250: an order of 12:00:07.249 belongs to eu-west, one of
 * 12:00:07.250 to us-east.
 *
 * @param attributes attribute name to value, in the schema's order
 */
public record ReferenceRow(String key, Map<String, String> attributes, long version, Instant validFrom) {

    public ReferenceRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(validFrom, "validFrom");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version);
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (ReferenceSchema.RESERVED.contains(e.getKey())) {
                throw new IllegalArgumentException("attribute '" + e.getKey() + "' has a reserved name");
            }
            Objects.requireNonNull(e.getValue(), () -> "attribute " + e.getKey());
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The value of {@code attribute}, or null when the row has none. */
    public String attribute(String attribute) {
        return attributes.get(attribute);
    }

    /** This row with {@code attribute} set to {@code value}, the next version, valid from {@code from}. */
    public ReferenceRow with(String attribute, String value, Instant from) {
        Map<String, String> next = new LinkedHashMap<>(attributes);
        next.put(attribute, value);
        return new ReferenceRow(key, next, version + 1, from);
    }
}

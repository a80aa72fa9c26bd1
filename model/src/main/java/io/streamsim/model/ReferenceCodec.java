package io.streamsim.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A {@link ReferenceRow} as the reference topic holds it: compact JSON, the row's own fields first, then its
 * attributes as plain string fields, e.g.
 * {@code {"key":"seller-042","version":1,"validFromMs":1767571207250,"region":"us-east","tier":"gold","category":"books"}}.
 * The record key is the row key, so that compaction keeps the latest version of every row.
 */
public final class ReferenceCodec {

    private static final JsonWriter.Name KEY = new JsonWriter.Name("key");
    private static final JsonWriter.Name VERSION = new JsonWriter.Name("version");
    private static final JsonWriter.Name VALID_FROM_MS = new JsonWriter.Name("validFromMs");
    private static final int EXPECTED_ROW_BYTES = 128;

    private ReferenceCodec() {
    }

    public static byte[] encode(ReferenceRow row) {
        JsonWriter json = new JsonWriter(EXPECTED_ROW_BYTES)
                .field(KEY, row.key())
                .field(VERSION, row.version())
                .field(VALID_FROM_MS, row.validFrom().toEpochMilli());
        row.attributes().forEach(json::field);
        return json.toBytes();
    }

    /** @throws SerializationException naming what is wrong, for anything that is not a row */
    public static ReferenceRow decode(byte[] bytes) {
        JsonFields f = JsonFields.parse(bytes, "reference row");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : f.names()) {
            if (!ReferenceSchema.RESERVED.contains(name)) {
                attributes.put(name, f.string(name));
            }
        }
        try {
            return new ReferenceRow(f.string("key"), attributes, f.number("version"),
                    Instant.ofEpochMilli(f.number("validFromMs")));
        } catch (IllegalArgumentException e) {
            throw new SerializationException("reference row: " + e.getMessage(), e);
        }
    }
}

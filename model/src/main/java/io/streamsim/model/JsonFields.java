package io.streamsim.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads one flat JSON object of strings and integers, strictly: anything else (not an object, nested
 * values, a missing or mistyped field) is a {@link SerializationException} naming the field, which is
 * what Kafka clients and Kafka Streams' deserialization handlers expect from a decoder.
 */
final class JsonFields {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, Object> values;
    private final String what;

    private JsonFields(Map<String, Object> values, String what) {
        this.values = values;
        this.what = what;
    }

    static JsonFields parse(byte[] bytes, String what) {
        if (bytes == null) {
            throw new SerializationException(what + ": null value");
        }
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException(what + ": not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                switch (valueToken) {
                    case VALUE_STRING -> values.put(name, parser.getText());
                    case VALUE_NUMBER_INT -> values.put(name, parser.getLongValue());
                    default -> throw new SerializationException(
                            what + ": field '" + name + "' must be a string or an integer, was " + valueToken);
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new SerializationException(what + ": trailing content after the JSON object");
            }
        } catch (IOException e) {
            throw new SerializationException(what + ": malformed JSON: " + e.getMessage(), e);
        }
        return new JsonFields(values, what);
    }

    /** The field names in the order the object gives them. */
    java.util.Set<String> names() {
        return values.keySet();
    }

    String string(String name) {
        Object value = values.get(name);
        if (!(value instanceof String s)) {
            throw missing(name, "a string", value);
        }
        return s;
    }

    long number(String name) {
        Object value = values.get(name);
        if (!(value instanceof Long l)) {
            throw missing(name, "an integer", value);
        }
        return l;
    }

    /** The integer field {@code name}, or {@code absent} when the object has no such field. */
    long number(String name, long absent) {
        return values.containsKey(name) ? number(name) : absent;
    }

    int intNumber(String name) {
        long value = number(name);
        if (value != (int) value) {
            throw new SerializationException(what + ": field '" + name + "' must be a 32-bit integer, was " + value);
        }
        return (int) value;
    }

    private SerializationException missing(String name, String expected, Object actual) {
        return new SerializationException(what + ": field '" + name + "' must be " + expected
                + (actual == null ? ", was absent" : ", was " + actual));
    }
}

package io.streamsim.model;

import java.nio.charset.StandardCharsets;

/** A tiny JSON object writer for the fixed shapes streamsim puts on the wire: no reflection, one pass. */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    JsonWriter() {
        out.append('{');
    }

    JsonWriter field(String name, String value) {
        name(name);
        out.append('"');
        escape(value);
        out.append('"');
        return this;
    }

    JsonWriter field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    byte[] toBytes() {
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append('"').append(name).append("\":");
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}

package io.streamsim.model;

import java.util.Arrays;

/**
 * A tiny JSON object writer for the fixed shapes streamsim puts on the wire: no reflection, one pass,
 * straight into UTF-8 bytes. It sits on the generator's hot path (once per event, at several hundred
 * thousand events a second), hence no intermediate String.
 */
final class JsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf = new byte[256];
    private int len;
    private boolean first = true;

    JsonWriter() {
        put((byte) '{');
    }

    JsonWriter field(String name, String value) {
        name(name);
        put((byte) '"');
        string(value);
        put((byte) '"');
        return this;
    }

    JsonWriter field(String name, long value) {
        name(name);
        number(value);
        return this;
    }

    byte[] toBytes() {
        put((byte) '}');
        return Arrays.copyOf(buf, len);
    }

    private void name(String name) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        put((byte) '"');
        string(name);
        put((byte) '"');
        put((byte) ':');
    }

    private void number(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        ensure(20);
        int start = len;
        do {
            buf[len++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void string(String value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                put((byte) c);
            } else if (c == '"' || c == '\\') {
                put((byte) '\\');
                put((byte) c);
            } else if (c < 0x20) {
                escapeControl(c);
            } else if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                put((byte) (0xF0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                put((byte) '?');
            } else {
                put((byte) (0xE0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3F)));
                put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    private void escapeControl(char c) {
        switch (c) {
            case '\n' -> ascii("\\n");
            case '\r' -> ascii("\\r");
            case '\t' -> ascii("\\t");
            default -> {
                ascii("\\u00");
                put(HEX[c >> 4]);
                put(HEX[c & 0xF]);
            }
        }
    }

    private void put(byte b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}

package io.streamsim.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tiny JSON object writer for the fixed shapes streamsim puts on the wire: no reflection, one pass,
 * straight into UTF-8 bytes. It sits on the generator's hot path (once per event, at several hundred
 * thousand events a second), hence no intermediate String, field names encoded once ({@link Name}), and a
 * copy loop for the common case of plain ASCII values that escapes and encodes only when it meets anything
 * else. The output is compact: no whitespace.
 */
final class JsonWriter {

    /**
     * A field name encoded once, as {@code ,"name":}; the first field of an object skips the comma. Create
     * them as constants: encoding is what they save.
     */
    static final class Name {

        private final byte[] commaQuotedColon;

        Name(String name) {
            JsonWriter w = new JsonWriter(name.length() + 8);
            w.len = 0;
            w.put((byte) ',');
            w.put((byte) '"');
            w.string(name);
            w.put((byte) '"');
            w.put((byte) ':');
            commaQuotedColon = Arrays.copyOf(w.buf, w.len);
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long EIGHT_DIGITS = 100_000_000L;
    /** "00", "01", ... "99": two digits per division. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** The longest long, {@code -9223372036854775808}, has 20 characters. */
    private static final int MAX_LONG_CHARS = 20;
    /** Worst case per UTF-16 char: 6 bytes for a control character escaped as a Unicode escape. */
    private static final int MAX_BYTES_PER_CHAR = 6;
    /** Characters 0-127 that a JSON string may hold as they are: anything but controls, quote and backslash. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private byte[] buf;
    private int len;
    private boolean first = true;

    JsonWriter() {
        this(256);
    }

    /** @param expectedBytes the size the object will likely have: the buffer grows past it if need be */
    JsonWriter(int expectedBytes) {
        buf = new byte[Math.max(16, expectedBytes)];
        buf[len++] = '{';
    }

    JsonWriter field(String name, String value) {
        return field(new Name(name), value);
    }

    JsonWriter field(String name, long value) {
        return field(new Name(name), value);
    }

    JsonWriter field(Name name, String value) {
        name(name);
        put((byte) '"');
        string(value);
        put((byte) '"');
        return this;
    }

    JsonWriter field(Name name, long value) {
        name(name);
        number(value);
        return this;
    }

    byte[] toBytes() {
        put((byte) '}');
        return Arrays.copyOf(buf, len);
    }

    private void name(Name name) {
        byte[] bytes = name.commaQuotedColon;
        int skip = first ? 1 : 0;
        first = false;
        int n = bytes.length - skip;
        ensure(n);
        System.arraycopy(bytes, skip, buf, len, n);
        len += n;
    }

    private void number(long value) {
        ensure(MAX_LONG_CHARS);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] min = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(min, 0, buf, len, min.length);
                len += min.length;
                return;
            }
            buf[len++] = '-';
            value = -value;
        }
        // int arithmetic two digits at a time: a long division per digit was a fifth of encoding an event.
        if (value < EIGHT_DIGITS) {
            len = writeInt(buf, len, (int) value);
        } else if (value < EIGHT_DIGITS * EIGHT_DIGITS) {
            long high = value / EIGHT_DIGITS;
            len = writeInt(buf, len, (int) high);
            len = writeEightDigits(buf, len, (int) (value - high * EIGHT_DIGITS));
        } else {
            long high = value / EIGHT_DIGITS;
            long top = high / EIGHT_DIGITS;
            len = writeInt(buf, len, (int) top);
            len = writeEightDigits(buf, len, (int) (high - top * EIGHT_DIGITS));
            len = writeEightDigits(buf, len, (int) (value - high * EIGHT_DIGITS));
        }
    }

    /** Writes {@code 0 <= value < 10^8} without leading zeros; returns the new end. */
    private static int writeInt(byte[] b, int at, int value) {
        int end = at + digits(value);
        int p = end;
        while (value >= 100) {
            int q = value / 100;
            int pair = (value - q * 100) * 2;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
            value = q;
        }
        if (value >= 10) {
            b[--p] = DIGIT_PAIRS[value * 2 + 1];
            b[--p] = DIGIT_PAIRS[value * 2];
        } else {
            b[--p] = (byte) ('0' + value);
        }
        return end;
    }

    /** Writes {@code 0 <= value < 10^8} as exactly eight digits, zero-padded; returns the new end. */
    private static int writeEightDigits(byte[] b, int at, int value) {
        for (int p = at + 8; p > at; ) {
            int q = value / 100;
            int pair = (value - q * 100) * 2;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
            value = q;
        }
        return at + 8;
    }

    /** Decimal digits of {@code 0 <= value < 10^8}. */
    private static int digits(int value) {
        if (value < 10_000) {
            return value < 100 ? (value < 10 ? 1 : 2) : (value < 1_000 ? 3 : 4);
        }
        return value < 1_000_000 ? (value < 100_000 ? 5 : 6) : (value < 10_000_000 ? 7 : 8);
    }

    /** The string's characters, escaped and UTF-8 encoded; ASCII without anything to escape is copied as is. */
    private void string(String value) {
        int n = value.length();
        ensure(n);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || !PLAIN[c]) {
                len = p;
                escapedString(value, i);
                return;
            }
            b[p++] = (byte) c;
        }
        len = p;
    }

    private void escapedString(String value, int from) {
        ensure((value.length() - from) * MAX_BYTES_PER_CHAR);
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80 && PLAIN[c]) {
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
        put((byte) '\\');
        switch (c) {
            case '\n' -> put((byte) 'n');
            case '\r' -> put((byte) 'r');
            case '\t' -> put((byte) 't');
            default -> {
                put((byte) 'u');
                put((byte) '0');
                put((byte) '0');
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

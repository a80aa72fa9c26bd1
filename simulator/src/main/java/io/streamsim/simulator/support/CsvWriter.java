package io.streamsim.simulator.support;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a CSV file in UTF-8, one row a call, with the quoting of RFC 4180: a field that holds a comma, a quote,
 * a carriage return or a line feed is put in quotes, its quotes doubled ({@code a,"b"} becomes
 * {@code "a,""b"""}); any other field as it is; an empty or null field as nothing. Rows end in {@code \n} (the
 * run folder's files always have; every CSV reader takes it), not RFC 4180's {@code \r\n}.
 */
public final class CsvWriter implements Closeable {

    private final BufferedWriter out;

    private CsvWriter(BufferedWriter out) {
        this.out = out;
    }

    /** Creates or truncates {@code file}, and the directories above it. */
    public static CsvWriter create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new CsvWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** One row; a null field is written as an empty one. */
    public void row(String... fields) throws IOException {
        row(Arrays.asList(fields));
    }

    /** One row; a null field is written as an empty one. */
    public void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write('\n');
    }

    /** One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled. */
    public static String field(String text) {
        if (text == null) {
            return "";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package io.streamsim.simulator.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamsim.simulator.support.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep folder's tables: {@code sweep.csv}, one row per run (the run's number, repetition and folder, the varied
 * paths' values, its outcome, then {@link SweepRow#FIGURES}; an unmeasured figure is an empty field), and
 * {@code sweep.json}, the whole {@link SweepResult}.
 */
public final class SweepFiles {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SweepFiles() {
    }

    /** {@code sweep.csv}, {@code sweep.json} and {@code sweep.html} in {@code dir}. */
    public static void write(Path dir, SweepResult result) throws IOException {
        writeCsv(dir.resolve("sweep.csv"), result);
        writeJson(dir.resolve("sweep.json"), result);
        SweepPage.write(dir.resolve("sweep.html"), result);
    }

    static void writeCsv(Path file, SweepResult result) throws IOException {
        try (CsvWriter csv = CsvWriter.create(file)) {
            List<String> header = new ArrayList<>(List.of("run", "repetition", "folder"));
            result.varies().forEach(v -> header.add(v.path()));
            header.add("outcome");
            header.addAll(SweepRow.FIGURES);
            csv.row(header);
            for (SweepRow row : result.runs()) {
                List<String> fields = new ArrayList<>(List.of(String.valueOf(row.run()),
                        String.valueOf(row.repetition()), row.folder()));
                result.varies().forEach(v -> fields.add(row.values().get(v.path())));
                fields.add(row.outcome());
                SweepRow.FIGURES.forEach(f -> fields.add(field(row.figure(f))));
                csv.row(fields);
            }
        }
    }

    static void writeJson(Path file, SweepResult result) throws IOException {
        JSON.writeValue(file.toFile(), result);
    }

    public static SweepResult readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), SweepResult.class);
    }

    /** A figure as a CSV field: empty for null, whole numbers as they are, others to six significant digits. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                    : String.format(Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                    .replaceFirst("\\.(e|$)", "$1");
        }
        return String.valueOf(value);
    }
}

package io.streamsim.simulator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.run.RunDirectory;
import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes a run's folder: {@code summary.json}, {@code timeseries.csv} and {@code report.html}. */
public final class RunFolder {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RunFolder() {
    }

    /** {@code <runs>/<scenario>-<UTC timestamp>}, made unique with a suffix if it exists already. */
    public static Path create(Path runsDir, String scenario, Instant startedAt) throws IOException {
        return RunDirectory.create(runsDir, scenario, startedAt);
    }

    /** {@code summary.json}, {@code timeseries.csv} and {@code report.html}. */
    public static void write(Path dir, Scenario scenario, RunSummary summary, List<Sample> samples) throws IOException {
        JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
        writeTimeSeries(dir.resolve("timeseries.csv"), samples);
        HtmlReport.write(dir, scenario, summary, samples);
    }

    public static RunSummary readSummary(Path dir) throws IOException {
        return JSON.readValue(dir.resolve("summary.json").toFile(), RunSummary.class);
    }

    static void writeTimeSeries(Path file, List<Sample> samples) throws IOException {
        int partitions = samples.stream().mapToInt(s -> s.partitionLag().size()).max().orElse(0);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("elapsed_seconds,stage,target_events_per_second,events_due,"
                    + "records_sent,records_acked,records_failed,sent_per_second,records_processed,processed_per_second,"
                    + "lag_records,window_results,dropped_late,dead_lettered,rebalances,end_to_end_p50_seconds,"
                    + "end_to_end_p99_seconds,schedule_lag_seconds,faults");
            for (int p = 0; p < partitions; p++) {
                header.append(",lag_partition_").append(p);
            }
            w.write(header.toString());
            w.newLine();
            for (Sample s : samples) {
                StringBuilder row = new StringBuilder();
                row.append(String.format(Locale.ROOT, "%.3f,%s,%.1f,%d,%d,%d,%d,%.1f,%d,%.1f,%d,%d,%d,%d,%d,%s,%s,%.3f,%s",
                        s.elapsedSeconds(), s.stage(), s.targetEventsPerSecond(), s.eventsDue(), s.recordsSent(),
                        s.recordsAcked(), s.recordsFailed(), s.sentPerSecond(), s.recordsProcessed(),
                        s.processedPerSecond(), s.lagRecords(), s.windowResults(), s.droppedLate(), s.deadLettered(),
                        s.rebalances(), number(s.endToEndP50Seconds()), number(s.endToEndP99Seconds()),
                        s.scheduleLagSeconds(), csvText(s.faults())));
                for (int p = 0; p < partitions; p++) {
                    row.append(',');
                    if (p < s.partitionLag().size()) {
                        row.append(s.partitionLag().get(p));
                    }
                }
                w.write(row.toString());
                w.newLine();
            }
        }
    }

    /** Quoted when it holds a comma or a quote, as RFC 4180 says. */
    static String csvText(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}

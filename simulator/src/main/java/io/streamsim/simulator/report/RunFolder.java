package io.streamsim.simulator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.run.RunDirectory;
import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.Sample;
import io.streamsim.simulator.support.CsvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
        SkewColumns skew = new SkewColumns(samples);
        try (CsvWriter csv = CsvWriter.create(file)) {
            List<String> header = new ArrayList<>(List.of("elapsed_seconds", "stage", "target_events_per_second",
                    "events_due", "records_sent", "records_acked", "records_failed", "sent_per_second",
                    "records_processed", "processed_per_second", "lag_records", "window_results", "dropped_late",
                    "dead_lettered", "rebalances", "end_to_end_p50_seconds", "end_to_end_p99_seconds",
                    "schedule_lag_seconds", "faults"));
            for (int p = 0; p < partitions; p++) {
                header.add("lag_partition_" + p);
            }
            header.addAll(skew.header());
            csv.row(header);
            for (Sample s : samples) {
                List<String> row = new ArrayList<>(Arrays.asList(fixed(3, s.elapsedSeconds()), s.stage(),
                        fixed(1, s.targetEventsPerSecond()), Long.toString(s.eventsDue()),
                        Long.toString(s.recordsSent()), Long.toString(s.recordsAcked()),
                        Long.toString(s.recordsFailed()), fixed(1, s.sentPerSecond()),
                        Long.toString(s.recordsProcessed()), fixed(1, s.processedPerSecond()),
                        Long.toString(s.lagRecords()), Long.toString(s.windowResults()),
                        Long.toString(s.droppedLate()), Long.toString(s.deadLettered()),
                        Long.toString(s.rebalances()), number(s.endToEndP50Seconds()),
                        number(s.endToEndP99Seconds()), fixed(3, s.scheduleLagSeconds()), s.faults()));
                for (int p = 0; p < partitions; p++) {
                    row.add(p < s.partitionLag().size() ? String.valueOf(s.partitionLag().get(p)) : "");
                }
                row.addAll(skew.values(s));
                csv.row(row);
            }
        }
    }

    private static String fixed(int decimals, double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : fixed(3, value);
    }
}

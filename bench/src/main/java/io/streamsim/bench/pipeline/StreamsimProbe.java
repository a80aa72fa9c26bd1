package io.streamsim.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsim.model.scenario.Durations;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.run.RunOptions;
import io.streamsim.simulator.run.RunResult;
import io.streamsim.simulator.ScenarioRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One probe of streamsim's own pipeline, as {@code streamsim run} runs it: a scenario file written for the rate,
 * loaded with {@link ScenarioLoader} and run by {@link ScenarioRun} against the bench's broker. It is judged from the
 * run folder only ({@code timeseries.csv}: records acknowledged and committed-offset lag each second of the load;
 * {@code summary.json}: when the run started and when its first event was due), never from the run's internals.
 */
final class StreamsimProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * After the load, how long the run may take to process what is left before it gives up and writes its folder. The
     * verdict needs no drain; a sustainable probe drains within a few seconds (its lag is under two seconds of
     * traffic) and then gets the oracle's check, an unsustainable one should not cost more wall time than this.
     */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final ProbeSettings settings;
    private final String bootstrapServers;
    private final Admin admin;
    private final Path dir;
    private final ProbeJudge judge;
    private final Clock clock;

    StreamsimProbe(ProbeSettings settings, String bootstrapServers, Admin admin, Path dir, ProbeJudge judge,
                   Clock clock) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.dir = dir;
        this.judge = judge;
        this.clock = clock;
    }

    ProbeResult run(int number, double rate, boolean warmupProbe) throws Exception {
        String name = "bench-pipeline-streamsim-" + number;
        Path scenarioFile = Files.createDirectories(dir.resolve("scenarios")).resolve(name + ".yaml");
        Files.writeString(scenarioFile, scenarioYaml(name, settings, rate), StandardCharsets.UTF_8);
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        RunOptions options = new RunOptions(bootstrapServers, Map.of(), dir.resolve("streamsim-runs"), "127.0.0.1",
                -1, Duration.ofSeconds(30), DRAIN_TIMEOUT);
        ProbeTopics topics = ProbeTopics.before(admin);
        Path console = Files.createDirectories(dir.resolve("logs")).resolve(name + ".console.txt");
        Instant start = clock.instant();
        RunResult result;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(console, StandardCharsets.UTF_8), true)) {
            result = new ScenarioRun(scenario, scenarioFile, options, out, clock).execute();
        }
        Instant end = clock.instant();
        topics.deleteNew();
        Path folder = result.folder();
        JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        Instant origin = summary.hasNonNull("eventTimeOrigin")
                ? Instant.parse(summary.get("eventTimeOrigin").asText()) : null;
        String note = "run " + summary.path("outcome").asText("?") + " (" + result.outcome() + ")";
        return judge.judge("streamsim", number, warmupProbe, rate, loadSeconds(folder.resolve("timeseries.csv")),
                start, origin, end, dir.relativize(folder).toString(), note);
    }

    /** The rows of {@code timeseries.csv} of the load stage, by column name. */
    static List<Second> loadSeconds(Path timeseries) throws IOException {
        List<Second> seconds = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(timeseries, StandardCharsets.UTF_8)) {
            String headerLine = r.readLine();
            if (headerLine == null) {
                return seconds;
            }
            List<String> header = Arrays.asList(headerLine.split(","));
            int elapsed = column(header, "elapsed_seconds");
            int stage = column(header, "stage");
            int acked = column(header, "records_acked");
            int lag = column(header, "lag_records");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                // The faults column, the only free text, may be quoted with commas inside: no fault runs here, and
                // the columns read come before it.
                String[] f = line.split(",", -1);
                if ("load".equals(f[stage])) {
                    seconds.add(new Second(Double.parseDouble(f[elapsed]), Long.parseLong(f[acked]),
                            Long.parseLong(f[lag])));
                }
            }
        }
        return seconds;
    }

    private static int column(List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("timeseries.csv has no column " + name + ": " + header);
        }
        return i;
    }

    /** The scenario of one probe: a constant rate for warm-up + hold, the default scenario's clicks, no faults. */
    static String scenarioYaml(String name, ProbeSettings s, double rate) {
        return String.format(Locale.ROOT, """
                # Written by `streamsim bench pipeline`: one probe of streamsim's pipeline at a constant rate.
                name: %s
                prompt: "bench pipeline probe at %.0f events/s"
                seed: %d
                events: {type: clickstream, keys: %d, keyDistribution: {zipf: %s}}
                rate:
                  - {for: %s, eventsPerSecond: %.0f}
                topology:
                  window: {tumbling: %s}
                  grace: %s
                  emit: %s
                  guarantee: %s
                topics: {partitions: %d, replicationFactor: 1}
                app: {instances: %d, threadsPerInstance: %d}
                producer: {threads: 1, acks: all, linger: 5ms, batchSizeBytes: 65536, compression: lz4}
                """, name, rate, s.seed(), s.keys(), s.zipfExponent(), Durations.format(s.loadDuration()), rate,
                Durations.format(s.window()), Durations.format(s.grace()), s.emit().name().toLowerCase(Locale.ROOT),
                s.guarantee().configValue(), s.partitions(), s.instances(), s.threads());
    }
}

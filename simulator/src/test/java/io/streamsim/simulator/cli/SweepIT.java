package io.streamsim.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamsim sweep} end to end on the broker it starts itself: a warm-up that is stopped and not counted,
 * then one run per value on the shared broker, and the sweep folder with its rows, its page and its answer.
 */
class SweepIT {

    @TempDir
    Path out;

    @Test
    void sweep_twoGraceValuesWithAWarmUp_writesTwoCountedRunsTheirRowsAndAnAnswer() throws Exception {
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();

        int code = StreamsimCli.newCommandLine(new PrintWriter(console), new PrintWriter(err)).execute("sweep",
                "src/test/resources/scenarios/it-eager-at-least-once.yaml", "--vary", "topology.grace=0s,2s",
                "--warmup", "2s", "--metrics-port=-1", "--out", out.toString());
        System.out.println(console);

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        Path folder;
        try (Stream<Path> folders = Files.list(out)) {
            folder = folders.findFirst().orElseThrow();
        }
        assertThat(console.toString()).contains("Warm-up: topology.grace=0s", "run 2 of 2");
        try (Stream<Path> warmUps = Files.list(folder.resolve("warm-up"))) {
            Path warmUpRun = warmUps.filter(Files::isDirectory).findFirst().orElseThrow();
            JsonNode summary = new ObjectMapper().readTree(warmUpRun.resolve("summary.json").toFile());
            assertThat(summary.path("completed").asBoolean()).as("the warm-up is stopped, not run out").isFalse();
        }
        try (Stream<Path> runs = Files.list(folder.resolve("runs"))) {
            assertThat(runs.filter(Files::isDirectory)).as("the warm-up is not among the counted runs").hasSize(2);
        }
        List<String> csv = Files.readAllLines(folder.resolve("sweep.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("1,");
        JsonNode sweep = new ObjectMapper().readTree(folder.resolve("sweep.json").toFile());
        assertThat(sweep.path("complete").asBoolean()).isTrue();
        assertThat(sweep.path("runs")).allSatisfy(run -> {
            assertThat(run.path("outcome").asText()).isEqualTo("completed");
            assertThat(run.path("processedPerSecond").asDouble()).isPositive();
        });
        assertThat(sweep.path("bootstrapServers").asText()).startsWith("127.0.0.1:");
        assertThat(Files.readString(folder.resolve("sweep.html"))).contains("topology.grace");
    }
}

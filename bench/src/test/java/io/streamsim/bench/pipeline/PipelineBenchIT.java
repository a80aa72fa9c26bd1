package io.streamsim.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsim.bench.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code streamsim bench pipeline --quick} once, one probe a side, to prove the bench works end to end on a real
 * broker: it completes and writes a well-formed report with both sides and their ratio. Timings belong to the
 * bench, not to tests: nothing here says how fast anything must be.
 */
class PipelineBenchIT {

    @Test
    void quickRun_bothSides_writesReportWithBothSidesAndRatio(@TempDir Path out) throws Exception {
        StringWriter console = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCli());
        cli.setOut(new PrintWriter(console, true));

        int exit = cli.execute("pipeline", "--quick", "--max-probes", "1", "--out", out.toString());
        System.out.println(console);

        assertThat(exit).as(console.toString()).isZero();
        List<Path> reports;
        try (Stream<Path> walk = Files.walk(out)) {
            reports = walk.filter(p -> p.getFileName().toString().equals("bench-pipeline.json")).toList();
        }
        assertThat(reports).hasSize(1);
        JsonNode report = new ObjectMapper().readTree(reports.get(0).toFile());
        assertThat(report.path("sides").has("streamsim")).isTrue();
        assertThat(report.path("sides").has("baseline")).isTrue();
        for (String side : List.of("streamsim", "baseline")) {
            JsonNode s = report.path("sides").path(side);
            assertThat(s.path("maxSustainableEventsPerSecond").isNumber()).as(side).isTrue();
            assertThat(s.path("probes")).as(side).hasSize(1);
            JsonNode probe = s.path("probes").get(0);
            assertThat(probe.path("targetEventsPerSecond").asDouble()).as(side).isEqualTo(1000.0);
            assertThat(probe.path("cpuMicrosPerEvent").has("whole machine")).as(side).isTrue();
        }
        assertThat(report.has("ratio")).isTrue();
        double streamsim = report.path("sides").path("streamsim").path("maxSustainableEventsPerSecond").asDouble();
        double baseline = report.path("sides").path("baseline").path("maxSustainableEventsPerSecond").asDouble();
        if (streamsim > 0 && baseline > 0) {
            assertThat(report.path("ratio").asDouble()).isCloseTo(streamsim / baseline,
                    org.assertj.core.data.Offset.offset(1e-9));
        } else {
            // On a machine too busy for either side to hold even 1,000/s for 3s, there is no ratio to give.
            assertThat(report.path("ratio").isNull()).isTrue();
        }
        assertThat(console.toString()).contains("max sustainable");
    }
}

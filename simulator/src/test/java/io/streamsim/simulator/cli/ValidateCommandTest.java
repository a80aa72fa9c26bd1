package io.streamsim.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return StreamsimCli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void validate_shippedScenarios_areOk() throws IOException {
        try (var files = Files.list(Path.of("..", "scenarios"))) {
            String[] args = files.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted()
                    .toArray(String[]::new);
            String[] all = new String[args.length + 1];
            all[0] = "validate";
            System.arraycopy(args, 0, all, 1, args.length);
            assertThat(execute(all)).as(err.toString()).isEqualTo(ExitCodes.OK);
        }
        assertThat(out.toString()).contains("clickstream-baseline.yaml: ok (clickstream-baseline, 440000 events over 40s, seed 42)");
    }

    @Test
    void validate_talkingPointNamingNoFigure_printsPathLineAndNearestNamesAndExits2() throws IOException {
        Path file = dir.resolve("quotes.yaml");
        Files.writeString(file, String.join("\n",
                "name: quotes",
                "seed: 1",
                "events: {type: orders, keys: 10}",
                "rate: [{for: 10s, eventsPerSecond: 100}]",
                "topology: {window: {tumbling: 10s}}",
                "talkingPoints:",
                "  - \"p99 {latency.p99Second}s\"",
                "  - when: \"lag.peakRecord < 10\"",
                "    then: \"kept up\"",
                "    else: \"did not\"",
                ""));

        int code = execute("validate", file.toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString())
                .contains(file + ":7: talkingPoints[0]: {latency.p99Second}: no such figure in summary.json; nearest:"
                        + " latency.p99Seconds")
                .contains(file + ":8: talkingPoints[1].when: {lag.peakRecord}: no such figure in summary.json;"
                        + " nearest: lag.peakRecords");
    }

    @Test
    void validate_badFile_printsEveryProblemWithLineAndExits2() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, String.join("\n",
                "name: broken",
                "seed: 1",
                "events: {type: clickstream, keys: 0}",
                "rate:",
                "  - {for: 5s, eventsPerSecond: -3}",
                "topology: {window: {tumbling: 10s}, grace: soon}",
                "colour: blue",
                ""));

        int code = execute("validate", file.toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString())
                .contains(file + ":3: events.keys: must be in [1, 10000000], was 0")
                .contains(file + ":5: rate[0].eventsPerSecond: must be >= 0, was -3.0")
                .contains(file + ":6: topology.grace: ")
                .contains(file + ":7: colour: unknown key");
    }

    @Test
    void validate_missingFile_exits2() {
        assertThat(execute("validate", dir.resolve("nope.yaml").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("cannot read");
    }
}

package io.streamsim.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sweep(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "sweep";
        System.arraycopy(args, 0, all, 1, args.length);
        return StreamsimCli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(all);
    }

    @Test
    void sweep_pathBeyondAList_exitsTwoWithThePathAndReasonAndRunsNothing() {
        int code = sweep("../scenarios/late-orders-grace-tradeoff.yaml", "--vary", "rate[5].eventsPerSecond=3",
                "--out", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("rate[5].eventsPerSecond: rate has 3 item(s), so no [5]");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void sweep_valueThatDoesNotValidate_exitsTwoNamingTheCombination() throws Exception {
        int code = sweep("../scenarios/late-orders-grace-tradeoff.yaml", "--vary", "topology.grace=2s,banana",
                "--vary", "app.instances=1,2", "--out", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("with topology.grace=banana, app.instances=1: topology.grace: 'banana'"
                + " is not a duration");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void sweep_withoutVary_isBadInput() {
        assertThat(sweep("../scenarios/late-orders-grace-tradeoff.yaml")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--vary");
    }

    @Test
    void sweep_sweepFileWithABadValue_exitsTwoWithTheFileLineAndPathAndRunsNothing() throws Exception {
        Path file = dir.resolve("grace.yaml");
        Files.writeString(file, "scenario: " + Path.of("../scenarios/late-orders-grace-tradeoff.yaml")
                .toAbsolutePath() + "\nvary:\n  topology.grace: [2s, banana]\n");
        Path out = dir.resolve("out");

        int code = sweep(file.toString(), "--out", out.toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(file + ":3: vary.topology.grace[1]: 'banana' does not validate");
        assertThat(out).doesNotExist();
    }

    @Test
    void sweep_varyOnTheCommandLine_replacesTheSweepFilesValuesOfThatPath() throws Exception {
        Path file = dir.resolve("grace.yaml");
        Files.writeString(file, "scenario: " + Path.of("../scenarios/late-orders-grace-tradeoff.yaml")
                .toAbsolutePath() + "\nvary:\n  topology.grace: [2s, 5s]\n");

        int code = sweep(file.toString(), "--vary", "topology.grace=2s,banana", "--out", dir.resolve("o").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("with topology.grace=banana");
    }

    @Test
    void sweep_shippedSweepFiles_allPlanWithoutProblems() throws Exception {
        try (var files = Files.list(Path.of("../scenarios/sweeps"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                var sweepFile = io.streamsim.simulator.sweep.SweepFile.read(f);
                var scenario = io.streamsim.model.scenario.ScenarioLoader.load(sweepFile.scenario());
                SweepCommand command = new SweepCommand();
                command.file = f;

                var plan = command.plan(scenario, sweepFile.scenario(), sweepFile);

                assertThat(plan.runs()).as(f.toString()).hasSizeGreaterThan(1);
            }
        }
    }
}

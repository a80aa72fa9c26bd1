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
}

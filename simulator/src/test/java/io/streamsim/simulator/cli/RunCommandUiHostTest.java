package io.streamsim.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.run.RunOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --ui-host}: the live page's own address, loopback only, apart from {@code --metrics-host}. */
class RunCommandUiHostTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        return StreamsimCli.newCommandLine(new PrintWriter(out), new PrintWriter(err));
    }

    private RunOptions parse(String... args) {
        CommandLine.ParseResult result = cli().parseArgs(args);
        RunCommand run = (RunCommand) result.subcommand().commandSpec().userObject();
        return run.runOptions(Map.of());
    }

    @Test
    void run_uiHostNotALoopbackName_isAUsageErrorExit2() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.1", "127.0.0.2", "attacker.example"}) {
            int code = cli().execute("run", "../scenarios/clickstream-baseline.yaml", "--ui", "--ui-host", host);

            assertThat(code).as(host).isEqualTo(ExitCodes.BAD_INPUT);
        }
        assertThat(err.toString()).contains("--ui-host must be one of 127.0.0.1, localhost, ::1")
                .contains("was 0.0.0.0");
    }

    @Test
    void parse_uiHostLoopbackName_isTheLivePagesHost() {
        assertThat(parse("run", "x.yaml", "--ui", "--ui-host", "::1").uiHost()).isEqualTo("::1");
        assertThat(parse("run", "x.yaml", "--ui", "--ui-host", "localhost").uiHost()).isEqualTo("localhost");
    }

    @Test
    void parse_metricsHostWildcardWithUi_leavesTheLivePageOnLoopback() {
        RunOptions options = parse("run", "x.yaml", "--metrics-host", "0.0.0.0", "--ui", "--ui-port", "0");

        assertThat(options.metricsHost()).isEqualTo("0.0.0.0");
        assertThat(options.uiHost()).isEqualTo("127.0.0.1");
        assertThat(options.uiPort()).isZero();
    }
}

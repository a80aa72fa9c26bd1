package io.streamsim.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command's failure paths, which need no broker. */
class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return StreamsimCli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void run_unreachableBroker_exits3NamingTheConnectTimeoutAndWritesNoFolder() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        int code = execute("run", "../scenarios/clickstream-baseline.yaml", "--bootstrap-servers",
                "127.0.0.1:" + closedPort, "--connect-timeout", "2s", "--out", dir.toString(), "--metrics-port", "-1");

        assertThat(code).isEqualTo(ExitCodes.BROKER_UNREACHABLE);
        assertThat(err.toString()).contains("no Kafka broker answered at 127.0.0.1:" + closedPort + " within 2s");
        try (var runs = Files.list(dir)) {
            assertThat(runs).as("no run folder without a broker").isEmpty();
        }
    }

    @Test
    void run_invalidScenario_exits2AndNamesTheLine() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\nseed: x\n");

        int code = execute("run", file.toString(), "--out", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(file + ":2: seed: must be a whole number, was 'x'");
    }

    @Test
    void run_unknownOption_exits2() {
        assertThat(execute("run", "x.yaml", "--colour", "blue")).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void printSummary_runWithAppCpu_printsItOnOneLine() {
        var summary = io.streamsim.simulator.report.ReportFixtures.withCpu(
                io.streamsim.simulator.report.ReportFixtures.summary(
                        io.streamsim.simulator.report.ReportFixtures.scenario()),
                io.streamsim.simulator.run.CpuFigures.of(java.time.Duration.ofMillis(1500), 30_000));

        RunCommand.printSummary(new PrintWriter(out, true), summary);

        assertThat(out.toString()).contains(
                "  app CPU: 1.5s in the Kafka Streams threads, 50.0 µs per input record (30,000 input records)\n");
    }
}

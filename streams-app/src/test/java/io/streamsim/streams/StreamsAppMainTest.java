package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StreamsAppMainTest {

    private static final Path SCENARIO = Path.of("..", "scenarios", "clickstream-baseline.yaml");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private StreamsAppMain main() {
        return new StreamsAppMain(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int run(String... args) {
        StreamsAppMain main = main();
        return StreamsAppMain.commandLine(main, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void run_missingRequiredOption_isBadInput() {
        assertThat(run("--scenario", SCENARIO.toString())).isEqualTo(StreamsAppMain.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--bootstrap-servers");
    }

    @Test
    void run_missingScenarioFile_isBadInput() {
        int code = run("--bootstrap-servers", "127.0.0.1:9092", "--scenario", dir.resolve("nope.yaml").toString());

        assertThat(code).isEqualTo(StreamsAppMain.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("nope.yaml");
    }

    @Test
    void run_invalidScenario_isBadInputNamingTheProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nunknownKey: 1\n");

        assertThat(run("--bootstrap-servers", "127.0.0.1:9092", "--scenario", bad.toString()))
                .isEqualTo(StreamsAppMain.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("unknownKey");
    }

    @Test
    void config_defaults_comeFromTheScenarioName() throws Exception {
        StreamsAppMain main = main();
        new CommandLine(main).parseArgs("--bootstrap-servers", "127.0.0.1:9092", "--scenario", SCENARIO.toString());

        StreamsAppConfig config = main.config();

        assertThat(config.applicationId()).isEqualTo("streamsim-clickstream-baseline");
        assertThat(config.inputTopic()).isEqualTo("clickstream-baseline.events");
        assertThat(config.outputTopic()).isEqualTo("clickstream-baseline.windows");
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.instanceId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(config.clientConfig()).isEmpty();
    }

    @Test
    void config_commandConfig_becomesClientConfig() throws Exception {
        Path props = dir.resolve("client.properties");
        Files.writeString(props, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        StreamsAppMain main = main();
        new CommandLine(main).parseArgs("--bootstrap-servers", "b:9092", "--scenario", SCENARIO.toString(),
                "--command-config", props.toString(), "--instance-id", "app-1", "--application-id", "my-app");

        StreamsAppConfig config = main.config();

        assertThat(config.clientConfig())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.instanceId()).isEqualTo("app-1");
        assertThat(config.applicationId()).isEqualTo("my-app");
    }

    @Test
    void config_deadLetterTopic_isPassedOn_andDefaultsToNone() throws Exception {
        StreamsAppMain withDlq = main();
        new CommandLine(withDlq).parseArgs("--bootstrap-servers", "b:9092", "--scenario", SCENARIO.toString(),
                "--dead-letter-topic", "x.dlq", "--parent-pid", "1");
        StreamsAppMain without = main();
        new CommandLine(without).parseArgs("--bootstrap-servers", "b:9092", "--scenario", SCENARIO.toString());

        assertThat(withDlq.config().deadLetterTopic()).isEqualTo("x.dlq");
        assertThat(without.config().deadLetterTopic()).isNull();
    }

    @Test
    void controlToken_withoutTheOption_isNoneAsked() throws Exception {
        StreamsAppMain main = main();
        new CommandLine(main).parseArgs("--bootstrap-servers", "b:9092", "--scenario", SCENARIO.toString());

        assertThat(main.controlToken()).isEmpty();
    }

    @Test
    void controlToken_envOption_readsTheTokenFromThatVariable() throws Exception {
        StreamsAppMain main = new StreamsAppMain(new PrintWriter(out, true), new PrintWriter(err, true),
                name -> name.equals("RUN_TOKEN") ? "0123456789abcdef0123" : null);
        new CommandLine(main).parseArgs("--bootstrap-servers", "b:9092", "--scenario", SCENARIO.toString(),
                "--control-token-env", "RUN_TOKEN");

        assertThat(main.controlToken()).hasValueSatisfying(t -> assertThat(t.matches("0123456789abcdef0123")).isTrue());
    }

    @Test
    void run_controlTokenEnvUnsetOrShort_isBadInput() {
        StreamsAppMain unset = new StreamsAppMain(new PrintWriter(out, true), new PrintWriter(err, true),
                name -> null);
        StreamsAppMain shortToken = new StreamsAppMain(new PrintWriter(out, true), new PrintWriter(err, true),
                name -> "short");
        String[] args = {"--bootstrap-servers", "127.0.0.1:9092", "--scenario", SCENARIO.toString(),
                "--control-token-env", "RUN_TOKEN"};

        int unsetCode = StreamsAppMain.commandLine(unset, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        int shortCode = StreamsAppMain.commandLine(shortToken, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);

        assertThat(unsetCode).isEqualTo(StreamsAppMain.EXIT_BAD_INPUT);
        assertThat(shortCode).isEqualTo(StreamsAppMain.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("RUN_TOKEN is not set", "at least 16 characters");
    }
}

package io.streamsim.simulator.cli;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.model.scenario.Violation;
import io.streamsim.simulator.answer.SummaryFigures;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** What a command reads before it talks to Kafka: the scenario file, and the client properties file if any. */
record ScenarioInput(Scenario scenario, Map<String, Object> clientProperties) {

    /**
     * Reads both; on bad input prints every problem (with its file, line and path) to {@code err} and returns null,
     * for the command to exit with {@link ExitCodes#BAD_INPUT}.
     */
    static ScenarioInput read(Path scenarioFile, Path commandConfig, PrintWriter err) {
        try {
            return new ScenarioInput(ScenarioLoader.load(scenarioFile, SummaryFigures.RUN_SUMMARY), clientProperties(commandConfig));
        } catch (ScenarioException e) {
            e.violations().stream().map(Violation::toString).forEach(err::println);
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
        }
        err.flush();
        return null;
    }

    private static Map<String, Object> clientProperties(Path file) throws IOException {
        Map<String, Object> config = new HashMap<>();
        if (file == null) {
            return config;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        p.forEach((k, v) -> config.put(String.valueOf(k), v));
        return config;
    }
}

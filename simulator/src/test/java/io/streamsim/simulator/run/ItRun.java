package io.streamsim.simulator.run;

import io.streamsim.simulator.ScenarioRun;
import io.streamsim.model.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** How the integration tests run a scenario file: as {@code streamsim run} does, on the Kafka the run starts itself. */
final class ItRun {

    private ItRun() {
    }

    /**
     * Runs {@code file} with its run folder under {@code runs} (10 s to connect, 90 s to drain) and prints the run's
     * console, so that a failing test's output shows what the run said.
     */
    static RunResult of(Path file, Path runs) throws Exception {
        RunOptions options = new RunOptions(null, Map.of(), runs, "127.0.0.1", -1, Duration.ofSeconds(10),
                Duration.ofSeconds(90));
        StringWriter console = new StringWriter();
        try {
            return new ScenarioRun(ScenarioLoader.load(file), file, options, new PrintWriter(console),
                    Clock.systemUTC()).execute();
        } finally {
            System.out.println(console);
        }
    }
}

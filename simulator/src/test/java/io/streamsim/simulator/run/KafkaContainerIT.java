package io.streamsim.simulator.run;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.ScenarioRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same end-to-end run against a Kafka broker in a container, reached with --bootstrap-servers as any
 * external cluster would be. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @TempDir
    Path runs;

    @Test
    void run_againstAContainerBroker_resultsSumToSentMinusDroppedLate() throws Exception {
        Path file = Path.of("src/test/resources/scenarios/it-final-exactly-once.yaml");
        Scenario scenario = ScenarioLoader.load(file);
        RunOptions options = new RunOptions(KAFKA.getBootstrapServers(), Map.of(), runs, "127.0.0.1", -1,
                Duration.ofSeconds(30), Duration.ofSeconds(90));

        RunResult result = new ScenarioRun(scenario, file, options, new PrintWriter(new StringWriter()), Clock.systemUTC()).execute();

        EndToEndAssertions.assertCompletedAndConsistent(result);
    }
}

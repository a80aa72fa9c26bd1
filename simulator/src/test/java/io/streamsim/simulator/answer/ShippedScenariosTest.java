package io.streamsim.simulator.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.answer.TalkingPoint;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every scenario under {@code scenarios/} validates against the summary's figures and quotes its own run. */
class ShippedScenariosTest {

    static List<Path> shipped() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("scenarios"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a scenarios/ folder above the working directory").isNotNull();
        try (Stream<Path> files = Files.list(dir.resolve("scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void load_everyShippedScenario_validatesAndQuotesAFigureOfItsRun() throws IOException {
        List<Path> files = shipped();
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        for (Path file : files) {
            Scenario s = ScenarioLoader.load(file, SummaryFigures.RUN_SUMMARY);
            assertThat(s.points().stream().mapToLong(p -> p.quoted().size()).sum()).as(file + " figures quoted")
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void load_everyShippedScenario_statesItsConclusionsOnlyUnderACondition() throws IOException {
        for (Path file : shipped()) {
            Scenario s = ScenarioLoader.load(file, SummaryFigures.RUN_SUMMARY);
            assertThat(s.points()).as(file + " has a conditional conclusion")
                    .anyMatch(p -> p instanceof TalkingPoint.Conditional);
        }
    }
}

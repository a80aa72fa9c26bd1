package io.streamsim.simulator.cli;

import io.streamsim.model.scenario.ReferencePartitioning;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.model.scenario.Violation;
import io.streamsim.simulator.answer.SummaryFigures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code streamsim validate FILE...}: checks scenario files and prints every problem with its line; talking points
 * must quote figures that {@code summary.json} has.
 */
@Command(name = "validate", description = "Check scenario files; print every problem with its YAML path and line.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (YAML).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        for (Path file : files) {
            try {
                Scenario s = ScenarioLoader.load(file, SummaryFigures.RUN_SUMMARY);
                out.printf("%s: ok (%s, %d events over %ds, seed %d)%n", file, s.name(),
                        s.timeline().totalEvents(), s.duration().toSeconds(), s.seed());
                ReferencePartitioning.describe(s).ifPresent(line -> out.printf("  %s%n", line));
            } catch (ScenarioException e) {
                bad++;
                for (Violation v : e.violations()) {
                    err.println(v);
                }
            } catch (IOException e) {
                bad++;
                err.println(file + ": cannot read: " + e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}

package io.streamsim.simulator.cli;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.simulator.run.BrokerUnreachableException;
import io.streamsim.simulator.run.RunOptions;
import io.streamsim.simulator.sweep.ScenarioEdit;
import io.streamsim.simulator.sweep.Sweep;
import io.streamsim.simulator.sweep.SweepFile;
import io.streamsim.simulator.sweep.SweepPlan;
import io.streamsim.simulator.sweep.Vary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamsim sweep FILE --vary PATH=V1,V2 ...}: the scenario once per combination of the varied values, and
 * a sweep folder comparing the runs. Every combination is checked before anything runs.
 */
@Command(name = "sweep", description = "Run a scenario once per combination of --vary values and write "
        + "sweeps/<scenario>-<timestamp>/ (sweep.csv, sweep.json, sweep.html and each run's folder).")
final class SweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A sweep file (scenarios/sweeps/*.yaml: scenario, "
            + "prompt, vary, set, repeat, tradeoff) or a scenario file (YAML).")
    Path file;

    @Option(names = "--vary", paramLabel = "PATH=V1,V2,...",
            description = "A scenario path and its values, e.g. topology.grace=2s,10s, app.instances=1,2,4, "
                    + "rate[1].eventsPerSecond=5000,20000, topology.steps[2].window.grace=1s,5s. Repeat for "
                    + "several paths: every combination runs. With a sweep file, adds to its vary: (or replaces "
                    + "the values of a path it already varies).")
    List<String> varies = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N",
            description = "Run each combination N times (same seed) to see the spread (default: the sweep file's "
                    + "repeat:, else 1).")
    Integer repeat;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "20s",
            description = "Before the first counted run, run the first combination for this much of its load, "
                    + "uncounted, so that no run pays alone for the JVM warming up; 0s: none "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweeps",
            description = "Where sweep folders go (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @CommandLine.Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path scenarioFile = file;
        SweepFile sweepFile;
        ScenarioInput input;
        SweepPlan plan;
        try {
            sweepFile = Files.isRegularFile(file) && SweepFile.isSweepFile(Files.readString(file,
                    StandardCharsets.UTF_8)) ? SweepFile.read(file) : null;
            if (sweepFile != null) {
                scenarioFile = sweepFile.scenario();
            }
            input = ScenarioInput.read(scenarioFile, cluster.commandConfig, err);
            if (input == null) {
                return ExitCodes.BAD_INPUT;
            }
            plan = plan(input.scenario(), scenarioFile, sweepFile);
        } catch (ScenarioException e) {
            e.violations().forEach(err::println);
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (SweepPlan.SweepException e) {
            Path where = scenarioFile;
            e.problems().forEach(p -> err.println(where + ": " + p));
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (cluster.bootstrapServers != null && plan.runs().stream().anyMatch(r -> !Sweep.canShareBroker(r.scenario()))) {
            err.println(file + ": faults or brokers: a run needs the cluster the simulator starts itself; "
                    + "leave out --bootstrap-servers");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        out.println("Sweep of " + input.scenario().name() + ": " + plan.runs().size() + " run(s)");
        out.flush();
        RunOptions options = new RunOptions(cluster.bootstrapServers, input.clientProperties(), this.out,
                metrics.host, metrics.port, cluster.connectTimeout, cluster.drainTimeout, -1,
                RunOptions.DEFAULT_UI_HOST, cluster.appJvms);
        Sweep sweep = new Sweep(plan, options, this.out, out, Clock.systemUTC())
                .asking(sweepFile == null ? null : sweepFile.prompt(), sweepFile == null ? null : sweepFile.tradeOff())
                .warmingUp(warmUp);
        try (StopOnShutdown stop = StopOnShutdown.install("streamsim-sweep-stop", sweep::requestStop,
                sweep::awaitFinished, Duration.ofSeconds(90));
             CtrlC ctrlC = CtrlC.install(sweep::interrupt)) {
            if (!ctrlC.installed()) {
                out.println("Ctrl-C is not caught here (ignored, or -Xrs): a shutdown (SIGTERM) stops the current "
                        + "run now and still writes the sweep folder");
            }
            Sweep.Outcome outcome = sweep.execute();
            if (!outcome.result().complete()) {
                return ExitCodes.INTERRUPTED;
            }
            return outcome.result().runs().stream().allMatch(r -> "completed".equals(r.outcome()))
                    ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        } catch (BrokerUnreachableException e) {
            err.println("streamsim: " + e.getMessage());
            err.flush();
            return ExitCodes.BROKER_UNREACHABLE;
        } catch (IOException e) {
            err.println("streamsim: could not write the sweep folder: " + e.getMessage());
            err.flush();
            return ExitCodes.RUN_FAILED;
        }
    }

    /**
     * Every run, each combination validated, before anything runs: the sweep file's vary: (if any) with each
     * {@code --vary} added, or replacing the file's values of the same path; its set: edits made first.
     */
    SweepPlan plan(Scenario scenario, Path scenarioFile, SweepFile sweepFile) throws IOException {
        List<Vary> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String v : varies) {
            try {
                parsed.add(Vary.parse(v));
            } catch (ScenarioEdit.PathException e) {
                problems.add("--vary " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new SweepPlan.SweepException(problems);
        }
        String yaml = Files.readString(scenarioFile, StandardCharsets.UTF_8);
        int times = repeat != null ? repeat : 1;
        if (sweepFile != null) {
            yaml = sweepFile.apply(yaml, scenario.name());
            List<Vary> merged = new ArrayList<>(sweepFile.varies());
            for (Vary v : parsed) {
                merged.removeIf(m -> m.path().equals(v.path()));
                merged.add(v);
            }
            parsed = merged;
            times = repeat != null ? repeat : sweepFile.repeat() != null ? sweepFile.repeat() : 1;
        }
        return SweepPlan.of(yaml, scenarioFile.toString(), scenario.name(), parsed, times);
    }

}

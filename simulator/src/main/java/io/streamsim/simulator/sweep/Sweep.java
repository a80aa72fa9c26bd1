package io.streamsim.simulator.sweep;

import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.report.RunFolder;
import io.streamsim.simulator.run.KafkaTarget;
import io.streamsim.simulator.run.PipelineRun;
import io.streamsim.simulator.run.RunDirectory;
import io.streamsim.simulator.run.RunControl;
import io.streamsim.simulator.run.RunListener;
import io.streamsim.simulator.run.RunOptions;
import io.streamsim.simulator.run.RunResult;
import io.streamsim.simulator.run.Sample;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs every run of a {@link SweepPlan}, one after the other, and writes the sweep folder
 * {@code <sweeps>/<scenario>-<UTC timestamp>/}: {@code sweep.csv}, {@code sweep.json}, {@code sweep.html},
 * {@code scenarios/NN/<scenario>.yaml} (each run's edited scenario, which its app instances read) and
 * {@code runs/<scenario>-<timestamp>/} (each run's own folder and report). The folder is written again after each
 * run, so that it always holds the runs done so far, marked incomplete until the last one.
 *
 * <p>Every run has its own topics (named after its run folder) and the scenario's seed. When no cluster is given
 * and no run needs its own Kafka (several brokers, or a broker fault), one embedded broker serves the whole sweep;
 * the runs then see it as a given cluster. {@link #interrupt()} (Ctrl-C) first lets the current run finish, then
 * (pressed again) stops it the way {@code streamsim run} stops (its folder holds what was measured); either way no
 * other run starts and the sweep folder is written marked incomplete. {@link #requestStop()} (a shutdown) is the
 * second at once.
 */
public final class Sweep {

    private final SweepPlan plan;
    private final RunOptions options;
    private final Path sweepsDir;
    private final PrintWriter console;
    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final StopRequests stops = new StopRequests();
    private volatile PipelineRun current;
    private String prompt;
    private SweepFile.TradeOff tradeOff;
    private Duration warmUp = Duration.ZERO;

    /** {@code options.runsDir()} is ignored: the runs' folders go in the sweep folder under {@code sweepsDir}. */
    public Sweep(SweepPlan plan, RunOptions options, Path sweepsDir, PrintWriter console, Clock clock) {
        this.plan = plan;
        this.options = options;
        this.sweepsDir = sweepsDir;
        this.console = console;
        this.clock = clock;
    }

    /** Whether the scenario can share one broker with the other runs: one broker, and no fault aimed at it. */
    public static boolean canShareBroker(Scenario scenario) {
        return scenario.brokers() <= 1 && scenario.faults().stream().noneMatch(Sweep::isBrokerFault);
    }

    static boolean isBrokerFault(Fault f) {
        String target = f instanceof Fault.Kill k ? k.target() : f instanceof Fault.Stop s ? s.target()
                : f instanceof Fault.Restart r ? r.target() : null;
        return target != null && Fault.isBroker(target);
    }

    /** The question a sweep file asks (null: the scenario's prompt) and its trade-off figures (null: the page's). */
    public Sweep asking(String prompt, SweepFile.TradeOff tradeOff) {
        this.prompt = prompt;
        this.tradeOff = tradeOff;
        return this;
    }

    /**
     * Before the first counted run, the first combination runs for {@code load} of its timeline into
     * {@code warm-up/}, uncounted: every run of a sweep shares one JVM, and the first one otherwise pays for the JIT
     * compiling the broker's, the producers' and the app's hot paths (a sweep measured without it showed the first
     * run lagging about 4x more than the same scenario run second, whichever value came first). Zero: none.
     */
    public Sweep warmingUp(Duration load) {
        this.warmUp = load;
        return this;
    }

    /** Asks the sweep to stop the current run now and start no other; safe from any thread. */
    public void requestStop() {
        stops.now();
        stopCurrentRun();
    }

    /**
     * One Ctrl-C: the first lets the current run finish and starts no other, the second stops the current run now.
     * Says which on the console; safe from any thread.
     */
    public StopRequests.Stage interrupt() {
        StopRequests.Stage stage = stops.press();
        if (stage == StopRequests.Stage.AFTER_CURRENT) {
            say("Ctrl-C: the current run finishes, then the sweep stops and writes its folder (marked incomplete). "
                    + "Press Ctrl-C again to stop the current run now.");
        } else {
            say("Ctrl-C again: stopping the current run now; the sweep folder is still written.");
            stopCurrentRun();
        }
        return stage;
    }

    private void stopCurrentRun() {
        PipelineRun run = current;
        if (run != null) {
            run.requestStop();
        }
    }

    /** Waits until the sweep folder is written (for a shutdown hook), at most {@code timeout}. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the sweep.
     *
     * @return the sweep folder and what it says
     * @throws io.streamsim.simulator.run.BrokerUnreachableException when the given cluster does not answer
     */
    public Outcome execute() throws IOException {
        try {
            return runAll();
        } finally {
            finished.countDown();
        }
    }

    /** The sweep folder and the result written in it. */
    public record Outcome(Path folder, SweepResult result) {
    }

    private Outcome runAll() throws IOException {
        Instant startedAt = clock.instant();
        Scenario base = plan.runs().get(0).scenario();
        Path folder = RunDirectory.create(sweepsDir, base.name(), startedAt);
        Path runsDir = Files.createDirectories(folder.resolve("runs"));
        boolean share = options.bootstrapServers() == null
                && plan.runs().stream().allMatch(r -> canShareBroker(r.scenario()));
        KafkaTarget broker = null;
        List<SweepRow> rows = new ArrayList<>();
        Progress progress = new Progress(plan.runs().size());
        SweepResult result = null;
        try {
            String bootstrap = options.bootstrapServers();
            if (share) {
                say("Sweep: starting one embedded Kafka broker for all " + plan.runs().size() + " runs ...");
                broker = KafkaTarget.embedded();
                bootstrap = broker.bootstrapServers();
            }
            RunOptions runOptions = new RunOptions(bootstrap, options.clientProperties(), runsDir,
                    options.metricsHost(), options.metricsPort(), options.connectTimeout(), options.drainTimeout(),
                    -1, options.uiHost(), options.appJvms(), share);
            result = result(base, startedAt, false, share ? bootstrap : null, rows);
            SweepFiles.write(folder, result);
            if (!warmUp.isZero() && stops.mayStartNext()) {
                warmUp(folder, plan.runs().get(0), runOptions);
            }
            for (SweepPlan.PlannedRun planned : plan.runs()) {
                if (!stops.mayStartNext()) {
                    break;
                }
                say(progress.line(planned.label() + (plan.repeat() > 1 ? ", repetition " + planned.repetition()
                        : "")));
                long start = System.nanoTime();
                rows.add(runOne(folder, planned, runOptions));
                progress.runDone(Duration.ofNanos(System.nanoTime() - start));
                boolean last = rows.size() == plan.runs().size();
                result = result(base, startedAt, last, share ? bootstrap : null, rows);
                SweepFiles.write(folder, result);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        say(String.format(Locale.ROOT, "Sweep folder: %s (%d of %d runs%s)", folder, rows.size(),
                plan.runs().size(), result.complete() ? "" : ", incomplete"));
        say("");
        say("Q: " + result.prompt());
        SweepAnswer.sentences(result).forEach(line -> say("- " + line));
        return new Outcome(folder, result);
    }

    private SweepRow runOne(Path folder, SweepPlan.PlannedRun planned, RunOptions runOptions) throws IOException {
        Scenario scenario = planned.scenario();
        Path scenarioFile = Files.createDirectories(folder.resolve("scenarios")
                .resolve(String.format(Locale.ROOT, "%02d", planned.number()))).resolve(scenario.name() + ".yaml");
        Files.writeString(scenarioFile, "# run " + planned.number() + " of the sweep: " + planned.label() + "\n"
                + planned.yaml(), StandardCharsets.UTF_8);
        List<List<Sample>> samples = new ArrayList<>();
        PipelineRun run = new PipelineRun(scenario, scenarioFile, runOptions, console, clock, new RunListener() {
            @Override
            public void finished(RunResult result, List<Sample> s) throws IOException {
                RunFolder.write(result.folder(), scenario, result.summary(), s);
                samples.add(s);
            }
        });
        RunResult result = execute(run);
        say("Run folder: " + result.folder() + " (" + result.outcome().name().toLowerCase(Locale.ROOT) + ")");
        return SweepRow.of(planned, folder.relativize(result.folder()).toString(), result.summary(),
                samples.isEmpty() ? List.of() : samples.get(0));
    }

    /** Runs {@code run} as the current one, which a Ctrl-C pressed twice stops (also if pressed before it began). */
    private RunResult execute(PipelineRun run) throws IOException {
        current = run;
        if (stops.stopCurrent()) {
            run.requestStop();
        }
        try {
            return run.execute();
        } finally {
            current = null;
        }
    }

    /** The first combination, stopped once its load has run for {@link #warmUp}; its figures are not counted. */
    private void warmUp(Path folder, SweepPlan.PlannedRun first, RunOptions runOptions) throws IOException {
        Scenario scenario = first.scenario();
        Path dir = Files.createDirectories(folder.resolve("warm-up"));
        Path scenarioFile = dir.resolve(scenario.name() + ".yaml");
        Files.writeString(scenarioFile, "# the sweep's warm-up: " + first.label() + ", stopped after "
                + warmUp.toSeconds() + "s of load\n" + first.yaml(), StandardCharsets.UTF_8);
        say(String.format(Locale.ROOT, "Warm-up: %s for %ds of load, not counted (the first run in a JVM pays "
                + "for the JIT)", first.label(), warmUp.toSeconds()));
        RunOptions warmUpOptions = new RunOptions(runOptions.bootstrapServers(), runOptions.clientProperties(), dir,
                runOptions.metricsHost(), runOptions.metricsPort(), runOptions.connectTimeout(),
                runOptions.drainTimeout(), -1, runOptions.uiHost(), runOptions.appJvms(),
                runOptions.sweepSharedBroker());
        PipelineRun[] self = new PipelineRun[1];
        PipelineRun run = new PipelineRun(scenario, scenarioFile, warmUpOptions, console, clock, new RunListener() {
            @Override
            public AutoCloseable controlsReady(RunControl controls) {
                Thread watch = new Thread(() -> stopAfterLoad(controls, self[0]), "streamsim-sweep-warm-up");
                watch.setDaemon(true);
                watch.start();
                return watch::interrupt;
            }

            @Override
            public void finished(RunResult result, List<Sample> samples) throws IOException {
                RunFolder.write(result.folder(), scenario, result.summary(), samples);
            }
        });
        self[0] = run;
        execute(run);
    }

    private void stopAfterLoad(RunControl controls, PipelineRun run) {
        try {
            while (true) {
                List<Sample> samples = controls.samples();
                if (!samples.isEmpty() && samples.get(samples.size() - 1).elapsedSeconds() >= warmUp.toSeconds()) {
                    run.requestStop();
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SweepResult result(Scenario base, Instant startedAt, boolean complete, String bootstrap,
                               List<SweepRow> rows) {
        return new SweepResult(base.name(), prompt != null ? prompt : base.prompt(), base.seed(), plan.varies(),
                plan.repeat(), startedAt, clock.instant(), complete, plan.runs().size(), bootstrap, rows, tradeOff);
    }

    private void say(String message) {
        console.println(message);
        console.flush();
    }
}

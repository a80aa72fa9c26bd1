package io.streamsim.simulator.cli;

import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.answer.AnswerSheet;
import io.streamsim.simulator.oracle.EnrichFigures;
import io.streamsim.simulator.ScenarioRun;
import io.streamsim.simulator.run.BrokerUnreachableException;
import io.streamsim.simulator.run.ReferenceFigures;
import io.streamsim.simulator.run.RunOptions;
import io.streamsim.simulator.run.RunResult;
import io.streamsim.simulator.run.CpuFigures;
import io.streamsim.simulator.run.RunSummary;
import io.streamsim.streams.http.LoopbackGuard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code streamsim run FILE}: runs a scenario end to end and leaves a run folder. */
@Command(name = "run", description = "Run a scenario end to end on Kafka and write runs/<scenario>-<timestamp>/.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @CommandLine.Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Option(names = "--ui", description = "Serve the live web page (charts and controls) while the run runs.")
    boolean ui;

    @Option(names = "--ui-port", defaultValue = "8765",
            description = "Port of the live page on --ui-host; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int uiPort;

    String uiHost = RunOptions.DEFAULT_UI_HOST;

    @Option(names = "--ui-host", paramLabel = "HOST", defaultValue = RunOptions.DEFAULT_UI_HOST,
            description = "Where the live page listens: 127.0.0.1, localhost or ::1 only, since its controls have "
                    + "no authentication; apart from --metrics-host (default: ${DEFAULT-VALUE}).")
    void uiHost(String host) {
        if (!LoopbackGuard.isLoopbackName(host)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ui-host must be one of "
                    + String.join(", ", LoopbackGuard.LOOPBACK_NAMES)
                    + " (the live page's controls have no authentication), was " + host);
        }
        uiHost = host;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioInput input = ScenarioInput.read(file, cluster.commandConfig, err);
        if (input == null) {
            return ExitCodes.BAD_INPUT;
        }
        Scenario scenario = input.scenario();
        RunOptions options = runOptions(input.clientProperties());
        if (cluster.bootstrapServers != null && scenario.faults().stream().anyMatch(RunCommand::isBrokerFault)) {
            err.println(file + ": faults: broker faults need the cluster the simulator starts itself; "
                    + "leave out --bootstrap-servers");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        ScenarioRun run = new ScenarioRun(scenario, file, options, out, Clock.systemUTC());
        try (StopOnShutdown stop = StopOnShutdown.install("streamsim-stop", run::requestStop,
                run::awaitFinished, Duration.ofSeconds(60))) {
            RunResult result = run.execute();
            printSummary(out, result.summary());
            AnswerSheet.print(out, scenario.prompt(), AnswerSheet.of(scenario.points(), result.summary()));
            return exitCode(result, scenario);
        } catch (BrokerUnreachableException e) {
            err.println("streamsim: " + e.getMessage());
            err.flush();
            return ExitCodes.BROKER_UNREACHABLE;
        } catch (IOException e) {
            err.println("streamsim: could not write the run folder: " + e.getMessage());
            err.flush();
            return ExitCodes.RUN_FAILED;
        }
    }

    /** The options as parsed, for a run with these client properties. */
    RunOptions runOptions(Map<String, Object> clientProperties) {
        return new RunOptions(cluster.bootstrapServers, clientProperties, this.out, metrics.host, metrics.port,
                cluster.connectTimeout, cluster.drainTimeout, ui ? uiPort : -1, uiHost, cluster.appJvms);
    }

    private static boolean isBrokerFault(Fault f) {
        String target = f instanceof Fault.Kill k ? k.target() : f instanceof Fault.Stop s ? s.target()
                : f instanceof Fault.Restart r ? r.target() : null;
        return target != null && Fault.isBroker(target);
    }

    static int exitCode(RunResult result, Scenario scenario) {
        switch (result.outcome()) {
            case STOPPED:
                return ExitCodes.INTERRUPTED;
            case FAILED:
                return ExitCodes.RUN_FAILED;
            default:
                RunSummary s = result.summary();
                if (!scenario.expect().isEmpty()) {
                    return s.expectationsMet() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
                }
                boolean exactlyOnce = scenario.topology().guarantee() == ProcessingGuarantee.EXACTLY_ONCE_V2;
                boolean oracleOk = s.oracle() == null || (exactlyOnce ? s.oracle().counts().exact()
                        : s.oracle().counts().noLoss());
                return s.checks().inputMatchesAcked() && oracleOk ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    static void printSummary(PrintWriter out, RunSummary s) {
        RunSummary.Totals t = s.totals();
        RunSummary.WindowTotals w = t.windowResults();
        out.println();
        out.printf(Locale.ROOT, "%s: %s%n", s.scenario(), s.outcome());
        out.printf(Locale.ROOT, "  events sent %d (+%d duplicates), acked %d, failed %d; on the input topic %d  [%s]%n",
                t.eventsSent(), t.duplicatesSent(), t.recordsAcked(), t.recordsFailed(), t.recordsOnInputTopic(),
                s.checks().inputMatchesAcked() ? "match" : "MISMATCH");
        out.printf(Locale.ROOT, "  processed %d; dropped late %d (app's own count %d)%n",
                t.recordsProcessed(), t.droppedLateKafka(), t.droppedLateApp());
        if (w.expected() < 0) {
            out.printf(Locale.ROOT, "  window results: %d windows, counts sum to %d (not checked: the run did not drain)%n",
                    w.windows(), w.contributions());
        } else {
            out.printf(Locale.ROOT, "  window results: %d windows, counts sum to %d, expected %d (excess %d)  [%s]%n",
                    w.windows(), w.contributions(), w.expected(), w.excess(),
                    s.checks().resultsMatchInputMinusDropped() ? "match" : "MISMATCH");
        }
        out.printf(Locale.ROOT, "  throughput: sent %.0f/s mean, %.0f/s peak; processed %.0f/s peak (target peak %.0f/s)%n",
                s.throughput().meanSentPerSecond(), s.throughput().peakSentPerSecond(),
                s.throughput().peakProcessedPerSecond(), s.throughput().targetPeakEventsPerSecond());
        if (s.latency().results() > 0) {
            out.printf(Locale.ROOT, "  end-to-end latency: p50 %.2fs, p95 %.2fs, p99 %.2fs, max %.2fs over %d results%n",
                    s.latency().p50Seconds(), s.latency().p95Seconds(), s.latency().p99Seconds(),
                    s.latency().maxSeconds(), s.latency().results());
        } else {
            out.println("  end-to-end latency: no window result was read");
        }
        out.printf(Locale.ROOT, "  peak lag %d records at %.0fs (%s)%n", s.lag().peakRecords(), s.lag().peakAtSeconds(),
                s.lag().measure());
        CpuFigures cpu = s.cpu();
        if (cpu != null && cpu.appThreadsSeconds() != null) {
            out.printf(Locale.ROOT, "  app CPU: %.1fs in the Kafka Streams threads%s%n", cpu.appThreadsSeconds(),
                    cpu.microsPerEvent() == null ? "" : String.format(Locale.ROOT, ", %.1f µs per input record (%,d input records)",
                            cpu.microsPerEvent(), cpu.inputRecords()));
        }
        if (s.skew() != null && s.skew().hottestPartition() >= 0) {
            out.printf(Locale.ROOT, "  skew: partition %d processed %.1f%% of the records (even: %.1f%%); largest"
                            + " partition lag %d; stream threads busy %.0f%% (busiest) / %.0f%% (idlest)%n",
                    s.skew().hottestPartition(), 100 * s.skew().maxPartitionShare(),
                    100.0 / s.skew().partitionProcessed().size(), s.skew().maxPartitionLagRecords(),
                    100 * s.skew().busiestThreadMeanBusy(), 100 * s.skew().idlestThreadMeanBusy());
        }
        if (s.reference() != null) {
            out.printf(Locale.ROOT, "  reference table %s: %d rows, %d updates written (%d failed) to %s%n",
                    s.reference().table(), s.reference().rowsWritten(), s.reference().updatesWritten(),
                    s.reference().updatesFailed(), s.reference().topic());
            ReferenceFigures.OnTopic read = s.reference().onTopic();
            if (read != null) {
                out.printf(Locale.ROOT, "    on the topic: %d records (%d rows, %d updates) over %d keys  [%s]%n",
                        read.records(), read.versionZero(), read.updates(), read.keys(),
                        read.problems().isEmpty() ? "consistent" : "PROBLEMS: " + String.join("; ", read.problems()));
            }
            TableConsole.print(out, s.reference());
        }
        if (s.oracle() != null && s.oracle().enrich() != null) {
            EnrichFigures e = s.oracle().enrich();
            out.printf(Locale.ROOT, "  enrich (%s join%s): table on the topic %d rows, %d bytes%s%n", e.join(),
                    e.versioned() ? ", versioned" : "", e.table().rows(), e.table().bytes(),
                    "broadcast".equals(e.join()) ? " in every instance"
                            : "; largest task " + e.table().largestPartitionRows() + " rows, "
                                    + e.table().largestPartitionBytes() + " bytes");
            if (e.observable()) {
                out.printf(Locale.ROOT, "    row version as of the event's own time: %d of %d; stale %d, future %d,"
                        + " no row %d, unexpected row %d%n", e.asOfEventTime(), e.enrichedRead(), e.stale(),
                        e.future(), e.noRow(), e.unexpectedRow());
            } else {
                out.printf(Locale.ROOT, "    row versions used: not observable (no groupBy after enrich writes the"
                        + " enriched events anywhere)%n");
            }
        }
        if (t.poisonWritten() > 0 || t.deadLettered() > 0) {
            out.printf(Locale.ROOT, "  poison written %d, dead-lettered %d%n", t.poisonWritten(), t.deadLettered());
        }
        if (s.oracle() != null) {
            out.printf(Locale.ROOT, "  oracle: %s (%d windows checked)%n", s.oracle().verdict(),
                    s.oracle().counts().windowsExpected());
            var v = s.oracle().viewedTwiceThenBought();
            if (v != null) {
                out.printf(Locale.ROOT, "  viewed twice, then bought: %d keys from the output, %d expected%n",
                        v.keysFromOutput(), v.keysExpected());
            }
        }
        for (RunSummary.FaultRecovery r : s.faults()) {
            out.printf(Locale.ROOT, "  fault at %.1fs: %s [%s]: peak lag %d at %.0fs, processing resumed after %s, "
                            + "lag recovered after %s, %d rebalance(s)%s%n", r.atSeconds(), r.fault(), r.outcome(),
                    r.peakLagRecords(), r.peakLagAtSeconds(), seconds(r.processingResumedAfterSeconds()),
                    seconds(r.lagRecoveredAfterSeconds()), r.rebalances(),
                    r.overlapping() ? " (overlapping: episode " + r.episode() + ", measured to its end)" : "");
        }
        for (RunSummary.CatchUp c : s.catchUps()) {
            out.printf(Locale.ROOT, "  %s at %.1fs: caught up after %s at %.0f records/s; lag %.0f before, peak %d;"
                            + " p99 %.2fs before, peak %.2fs%s%n", c.fault(), c.atSeconds(), seconds(c.catchUpSeconds()),
                    c.reprocessedPerSecond(), c.lagBeforeRecords(), c.peakLagRecords(), c.p99BeforeSeconds(),
                    c.peakP99Seconds(), c.backfill() == null || c.backfill().recordsDroppedLate() == null ? ""
                            : "; backfilled events dropped late " + c.backfill().recordsDroppedLate() + " of "
                            + c.backfill().acked());
        }
        for (RunSummary.ExpectationResult e : s.expectations()) {
            out.printf(Locale.ROOT, "  expect %s %s: %s  [%s]%n", e.name(), e.expected(), e.actual(),
                    e.met() ? "met" : "FAILED");
        }
        out.flush();
    }

    private static String seconds(Double value) {
        return value == null ? "(not within the run)" : String.format(Locale.ROOT, "%.0fs", value);
    }

}

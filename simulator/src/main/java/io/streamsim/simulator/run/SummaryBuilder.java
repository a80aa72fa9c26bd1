package io.streamsim.simulator.run;

import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.producers.ProducerStats;
import io.streamsim.simulator.instances.AppInstances;
import io.streamsim.simulator.instances.InstanceStatus;
import io.streamsim.simulator.oracle.OracleReport;
import io.streamsim.streams.TableStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of a run ({@link RunSummary}) from what its parts counted, its samples and the oracle's report. Works
 * on a run stopped at any point: a part that never started counts as nothing, and what cannot be known without a
 * drain (what the output should sum to) is -1.
 */
final class SummaryBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryBuilder.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final Pipeline pipeline;
    private final List<Sample> samples;
    private final Clock clock;

    SummaryBuilder(Pipeline pipeline, List<Sample> samples, Clock clock) {
        this.pipeline = pipeline;
        this.samples = samples;
        this.clock = clock;
    }

    /**
     * @param oracle  null when the oracle did not run
     * @param drained whether the drain ended with everything processed and read
     */
    RunSummary build(Instant startedAt, RunResult.Outcome outcome, String reason, OracleReport oracle,
                     boolean drained) {
        Scenario scenario = pipeline.scenario;
        RunTopics topics = pipeline.topics;
        OutputTracker tracker = pipeline.tracker;
        ProducerStats stats = pipeline.generator != null ? pipeline.generator.stats() : null;
        pipeline.refreshStatuses();
        InstanceStatus totals = pipeline.totals();
        long onInput = -1;
        long deadLettered = -1;
        try {
            if (tracker != null) {
                onInput = RunTopics.recordCounts(pipeline.target.admin(), topics.input(), topics.partitions(),
                        IsolationLevel.READ_UNCOMMITTED).values().stream().mapToLong(Long::longValue).sum();
                deadLettered = RunTopics.countCommitted(pipeline.target.clientConfig(), topics.deadLetters(),
                        topics.partitions(), READ_TIMEOUT);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Could not count the input or dead-letter topic: {}", e.toString());
        }
        long poison = pipeline.poisonWritten.get() + (stats == null ? 0 : stats.poisonSent());
        long watermarks = drained ? topics.partitions() : 0;
        long backfilled = pipeline.backfills.stream().mapToLong(Backfill.Result::acked).sum();
        // Backfilled records are not the producers' acks: apart, so that the input still matches what was acked.
        long recordsOnInput = onInput < 0 ? -1 : onInput - watermarks - poison - backfilled;
        long droppedLate = oracle != null ? oracle.counts().droppedLateExpected() : totals.droppedLateApp();

        Map<OutputTracker.WindowId, WindowResult> results = tracker == null ? Map.of() : tracker.latestResults();
        long contributions = results.values().stream().mapToLong(WindowResult::count).sum();
        long windowsPerRecord = scenario.topology().steps().size() == 1 ? windowsPerRecord(scenario.topology().window()) : -1;
        // Without a drain the output is unfinished: what it should sum to is not known yet.
        long expected = oracle != null ? oracle.counts().contributionsExpected()
                : !drained || recordsOnInput < 0 || windowsPerRecord < 0 ? -1
                : recordsOnInput * windowsPerRecord - droppedLate;
        RunSummary.WindowTotals windowTotals = new RunSummary.WindowTotals(
                tracker == null ? 0 : tracker.recordsRead(), results.size(), contributions, expected,
                expected < 0 ? 0 : contributions - expected, tracker == null ? 0 : tracker.undecodable());

        RunSummary.Totals summaryTotals = new RunSummary.Totals(scenario.timeline().totalEvents(),
                stats == null ? 0 : stats.eventsDue(), stats == null ? 0 : stats.eventsSent(),
                stats == null ? 0 : stats.recordsSent(), stats == null ? 0 : stats.recordsAcked(),
                stats == null ? 0 : stats.recordsFailed(), stats == null ? 0 : stats.duplicatesSent(),
                recordsOnInput, watermarks, totals.processed(), droppedLate, totals.droppedLateApp(), poison,
                deadLettered, recordsOnInput < 0 ? 0 : Math.max(0, totals.processed() - recordsOnInput - backfilled),
                windowTotals);
        RunSummary.Checks checks = new RunSummary.Checks(
                stats != null && recordsOnInput == stats.recordsAcked(),
                expected >= 0 && contributions == expected,
                drained);

        Histogram latency = tracker == null ? new Histogram(3) : latencyTotal(tracker);
        double maxScheduleLag = samples.stream().mapToDouble(Sample::scheduleLagSeconds).max().orElse(0);
        RunSummary.Latency latencySummary = new RunSummary.Latency(latency.getTotalCount(),
                percentileSeconds(latency, 50), percentileSeconds(latency, 95), percentileSeconds(latency, 99),
                latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0, maxScheduleLag);

        List<Sample> load = samples.stream().filter(s -> "load".equals(s.stage())).toList();
        double loadSeconds = load.isEmpty() ? 0 : load.get(load.size() - 1).elapsedSeconds();
        double lastSample = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).elapsedSeconds();
        RunSummary.Throughput throughput = new RunSummary.Throughput(
                scenario.timeline().segments().stream().mapToDouble(s -> Math.max(s.startRate(), s.endRate()))
                        .max().orElse(0),
                loadSeconds == 0 || stats == null ? 0 : stats.recordsSent() / loadSeconds,
                samples.stream().mapToDouble(Sample::sentPerSecond).max().orElse(0),
                lastSample == 0 ? 0 : totals.processed() / lastSample,
                samples.stream().mapToDouble(Sample::processedPerSecond).max().orElse(0));
        Sample peakLag = samples.stream().max((a, b) -> Long.compare(a.lagRecords(), b.lagRecords())).orElse(null);
        RunSummary.Lag lag = new RunSummary.Lag("committed offsets of the app's consumer group",
                peakLag == null ? 0 : peakLag.lagRecords(), peakLag == null ? 0 : peakLag.elapsedSeconds());

        FaultRunner faults = pipeline.faults;
        List<RunSummary.FaultRecovery> recoveries = faults == null ? List.of()
                : Recovery.of(faults.applied(), samples);
        List<RunSummary.ExpectationResult> expectations = outcome == RunResult.Outcome.COMPLETED
                ? Expectations.check(scenario.expect(), new Expectations.Measured(
                        oracle == null ? null : oracle.verdict(), oracle != null && oracle.exact(),
                        oracle != null && oracle.noLoss(),
                        recordsOnInput <= 0 ? 0
                                : (double) droppedLate / ((recordsOnInput + backfilled) * Math.max(1, windowsPerRecord)),
                        latencySummary.p99Seconds(), recoveries, poison, deadLettered))
                : List.of();

        KafkaTarget target = pipeline.target;
        return new RunSummary(scenario.name(), scenario.seed(), scenario.prompt(),
                outcome == RunResult.Outcome.COMPLETED, reason, startedAt, clock.instant(),
                pipeline.eventClock == null ? pipeline.origin : pipeline.eventClock.origin(),
                new RunSummary.Versions(version(), AppInfoParser.getVersion(), System.getProperty("java.version")),
                new RunSummary.Target(target.mode(), target.bootstrapServers(), target.brokers(),
                        scenario.app().instances(), scenario.app().threadsPerInstance(),
                        scenario.topology().guarantee().configValue()),
                new RunSummary.Topics(topics.input(), topics.output(), topics.deadLetters(), topics.partitions(),
                        scenario.topics().replicationFactor()),
                summaryTotals, checks, throughput, latencySummary, lag, oracle,
                Phases.of(scenario.timeline(), samples), recoveries, expectations, scenario.talkingPoints(),
                faults == null ? List.of()
                        : CatchUps.of(faults.applied(), samples, pipeline.backfills, pipeline.replays, oracle),
                tracker == null ? null
                        : WindowShape.of(results.values(), scenario.topology().window() instanceof WindowSpec.Session),
                referenceFigures(), SkewFigures.of(samples), stageSkew(),
                CpuFigures.of(totals.appThreadsCpu(), onInput < 0 ? -1 : onInput - watermarks));
    }

    /** Per repartition topic of a groupBy, after a load that ran; null without groupBy or when unreadable. */
    private StageSkewFigures stageSkew() {
        if (pipeline.stageLags == null) {
            return null;
        }
        try {
            return pipeline.stageLags.figures(pipeline.target.clientConfig(), pipeline.topics.partitions(),
                    READ_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Repartition topics unreadable for the stage figures: {}", e.toString());
            return null;
        }
    }

    /** The table loads every instance reported, and what their stores held after the drain. */
    private ReferenceFigures withInstances(ReferenceFigures figures) {
        AppInstances instances = pipeline.instances;
        if (instances == null || pipeline.origin == null) {
            return figures;
        }
        Map<String, List<TableStatus>> lives = new TreeMap<>();
        for (String name : instances.names()) {
            List<TableStatus> tables = instances.get(name).tableLives();
            if (!tables.isEmpty()) {
                lives.put(name, tables);
            }
        }
        return figures.withInstances(TableFigures.bootstraps(lives, pipeline.origin),
                TableFigures.held(pipeline.tableHeld, lives));
    }

        /** The writer's counts and, after a load that ran, what the reference topic holds. */
    private ReferenceFigures referenceFigures() {
        ReferenceWriter writer = pipeline.reference;
        if (writer == null) {
            return null;
        }
        ReferenceFigures figures = writer.figures();
        try {
            writer.stopUpdates();
            figures = withInstances(writer.figures());
            return figures.withOnTopic(ReferenceTopicCheck.read(pipeline.target.clientConfig(),
                    pipeline.topics.reference(),
                    pipeline.scenario.reference().partitions(pipeline.scenario.topics()), READ_TIMEOUT));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Could not read the reference topic back: {}", e.toString());
            return figures;
        }
    }

    private static Histogram latencyTotal(OutputTracker tracker) {
        tracker.takeIntervalLatency();
        return tracker.totalLatency();
    }

    /**
     * Windows each record belongs to, or -1 when it varies: hopping size not a multiple of advance, sliding
     * windows (a record is in as many as its neighbours make), sessions (merges retract windows).
     */
    static long windowsPerRecord(WindowSpec window) {
        if (!(window instanceof WindowSpec.Aligned aligned)) {
            return -1;
        }
        long size = aligned.size().toMillis();
        long advance = aligned.advance().toMillis();
        return size % advance == 0 ? size / advance : -1;
    }

    static double percentileSeconds(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static String version() {
        String v = SummaryBuilder.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}

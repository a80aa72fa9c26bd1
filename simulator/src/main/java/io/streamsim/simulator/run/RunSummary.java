package io.streamsim.simulator.run;

import io.streamsim.simulator.oracle.OracleReport;
import java.time.Instant;
import java.util.List;

/**
 * The figures of one run, written as {@code summary.json}. {@code oracle} is null when the oracle did not run
 * (a run stopped early); its mismatches are listed in the run folder's {@code oracle-mismatches.csv}. A run stopped early (Ctrl-C, failure) still has
 * one, with {@code completed} false and the figures measured until then. {@code reference} is null for a scenario
 * without a reference table; {@code skew} null in a summary written before it existed; {@code stageSkew} null
 * without a groupBy step; {@code cpu} null in a summary written before it existed.
 */
public record RunSummary(
        String scenario,
        long seed,
        String prompt,
        boolean completed,
        String outcome,
        Instant startedAt,
        Instant finishedAt,
        Instant eventTimeOrigin,
        Versions versions,
        Target target,
        Topics topics,
        Totals totals,
        Checks checks,
        Throughput throughput,
        Latency latency,
        Lag lag,
        OracleReport oracle,
        List<PhaseFigures> phases,
        List<FaultRecovery> faults,
        List<ExpectationResult> expectations,
        List<String> talkingPoints,
        List<CatchUp> catchUps,
        WindowShape windowShape,
        ReferenceFigures reference,
        SkewFigures skew,
        StageSkewFigures stageSkew,
        CpuFigures cpu) {

    /** A summary without CPU figures (written before they existed). */
    public RunSummary(String scenario, long seed, String prompt, boolean completed, String outcome, Instant startedAt,
                      Instant finishedAt, Instant eventTimeOrigin, Versions versions, Target target, Topics topics,
                      Totals totals, Checks checks, Throughput throughput, Latency latency, Lag lag,
                      OracleReport oracle, List<PhaseFigures> phases, List<FaultRecovery> faults,
                      List<ExpectationResult> expectations, List<String> talkingPoints, List<CatchUp> catchUps,
                      WindowShape windowShape, ReferenceFigures reference, SkewFigures skew,
                      StageSkewFigures stageSkew) {
        this(scenario, seed, prompt, completed, outcome, startedAt, finishedAt, eventTimeOrigin, versions, target,
                topics, totals, checks, throughput, latency, lag, oracle, phases, faults, expectations, talkingPoints,
                catchUps, windowShape, reference, skew, stageSkew, null);
    }

    /** A summary without per-stage skew figures (no groupBy, or written before they existed). */
    public RunSummary(String scenario, long seed, String prompt, boolean completed, String outcome, Instant startedAt,
                      Instant finishedAt, Instant eventTimeOrigin, Versions versions, Target target, Topics topics,
                      Totals totals, Checks checks, Throughput throughput, Latency latency, Lag lag,
                      OracleReport oracle, List<PhaseFigures> phases, List<FaultRecovery> faults,
                      List<ExpectationResult> expectations, List<String> talkingPoints, List<CatchUp> catchUps,
                      WindowShape windowShape, ReferenceFigures reference, SkewFigures skew) {
        this(scenario, seed, prompt, completed, outcome, startedAt, finishedAt, eventTimeOrigin, versions, target,
                topics, totals, checks, throughput, latency, lag, oracle, phases, faults, expectations, talkingPoints,
                catchUps, windowShape, reference, skew, null);
    }

    /**
     * A summary without backfill or replay faults, without {@code windowShape} (null: no output was read), and
     * without a reference table or skew figures.
     */
    public RunSummary(String scenario, long seed, String prompt, boolean completed, String outcome, Instant startedAt,
                      Instant finishedAt, Instant eventTimeOrigin, Versions versions, Target target, Topics topics,
                      Totals totals, Checks checks, Throughput throughput, Latency latency, Lag lag,
                      OracleReport oracle, List<PhaseFigures> phases, List<FaultRecovery> faults,
                      List<ExpectationResult> expectations, List<String> talkingPoints) {
        this(scenario, seed, prompt, completed, outcome, startedAt, finishedAt, eventTimeOrigin, versions, target,
                topics, totals, checks, throughput, latency, lag, oracle, phases, faults, expectations, talkingPoints,
                List.of(), null, null, null, null);
    }

    /**
     * How the pipeline caught up after a backfill or a replay (see the simulator's CatchUps for the exact rules).
     *
     * @param bandRecords              lag at or below this counts as caught up: one second of traffic, or the lag
     *                                 before the fault when higher
     * @param catchUpSeconds           from the fault until lag is back in the band; null when it never was
     * @param recordsProcessed         records the app processed while catching up, live ones included
     * @param reprocessedPerSecond     those over the catch-up time
     * @param lagBeforeRecords         mean lag over the ten seconds before the fault
     * @param peakLagRecords           peak lag from the fault to five seconds after catching up
     * @param p99BeforeSeconds         mean per-second p99 end-to-end latency over the ten seconds before (NaN: none)
     * @param peakP99Seconds           peak per-second p99 over the same span as the peak lag (NaN: none)
     * @param droppedLateByAppWhileCatchingUp (record, window) pairs Kafka Streams dropped as late meanwhile, by its
     *                                 own metric: after a replay it drops the old late records again, so the app's
     *                                 run total counts them twice while the oracle counts each record once
     */
    public record CatchUp(String fault, double atSeconds, String outcome, double bandRecords, Double catchUpSeconds,
                          long recordsProcessed, double reprocessedPerSecond, double lagBeforeRecords,
                          long peakLagRecords, double p99BeforeSeconds, double peakP99Seconds,
                          long droppedLateByAppWhileCatchingUp, Backfilled backfill, Replayed replay) {
    }

    /**
     * What a backfill wrote and what became of it.
     *
     * @param firstId            its ids run from here, apart from the live ones
     * @param recordsDroppedLate of its records, those the oracle (Kafka's rule) has dropped as too late in at least
     *                           one window; null when the oracle did not run or several backfills share the count
     * @param droppedLateFraction recordsDroppedLate over the backfilled records on the input topic
     */
    public record Backfilled(long events, long acked, long firstId, Instant eventTimeFrom, Instant eventTimeTo,
                             double writeSeconds, Long recordsDroppedLate, Long pairsDroppedLate,
                             Double droppedLateFraction) {
    }

    /**
     * What a replay did.
     *
     * @param restarted             the app instances stopped and started again
     * @param recordsToReplay       records on the input topic at the reset, all processed again
     * @param internalTopicsDeleted changelog and repartition topics deleted (Kafka Streams made them again)
     * @param pauseSeconds          from stopping the first instance to starting the last
     */
    public record Replayed(List<String> restarted, int partitionsReset, long recordsToReplay,
                           List<String> internalTopicsDeleted, double pauseSeconds) {
    }

    /** True when every expectation held (also when there were none). */
    public boolean expectationsMet() {
        return expectations.stream().allMatch(ExpectationResult::met);
    }

    public record Versions(String streamsim, String kafka, String java) {
    }

    public record Target(String mode, String bootstrapServers, int brokers, int appInstances, int threadsPerInstance,
                         String guarantee) {
    }

    public record Topics(String input, String output, String deadLetter, int partitions, int replicationFactor) {
    }

    /**
     * @param recordsOnInputTopic records the input topic holds after the run, watermarks excluded: equals
     *                            {@code recordsAcked} when nothing was lost or written twice
     * @param droppedLateKafka    (record, window) pairs Kafka Streams dropped as too late (its own metric)
     * @param droppedLateApp      the app's own count of the same, by the same rule
     * @param poisonWritten       undecodable records written to the input topic (poison fraction and bursts);
     *                            included in {@code recordsOnInputTopic}
     * @param deadLettered        records on the dead-letter topic after the run
     * @param recordsReprocessed  records processed more than once (after crashes and rebalances): processed minus
     *                            decodable records on the input topic
     */
    public record Totals(long eventsPlanned, long eventsDue, long eventsSent, long recordsSent, long recordsAcked,
                         long recordsFailed, long duplicatesSent, long recordsOnInputTopic, long watermarks,
                         long recordsProcessed, long droppedLateKafka, long droppedLateApp, long poisonWritten,
                         long deadLettered, long recordsReprocessed, WindowTotals windowResults) {
    }

    /**
     * @param contributions   sum of the latest count of every window: records aggregated
     * @param expected        what that sum must be with nothing lost or counted twice: the oracle's figure, else
     *                        records on the input topic times windows per record minus (record, window) pairs
     *                        dropped late; -1 when not known (the run did not drain, or windows per record vary)
     * @param excess          contributions minus expected: positive means counted twice (at-least-once
     *                        replay), negative means missing
     */
    public record WindowTotals(long outputRecords, long windows, long contributions, long expected, long excess,
                               long undecodable) {
    }

    public record Checks(boolean inputMatchesAcked, boolean resultsMatchInputMinusDropped, boolean drained) {
    }

    public record Throughput(double targetPeakEventsPerSecond, double meanSentPerSecond, double peakSentPerSecond,
                             double meanProcessedPerSecond, double peakProcessedPerSecond) {
    }

    /** End-to-end latency over every window result read, in seconds. */
    public record Latency(long results, double p50Seconds, double p95Seconds, double p99Seconds, double maxSeconds,
                          double maxScheduleLagSeconds) {
    }

    /**
     * How the pipeline came back from one fault (see the simulator's Recovery for the exact definitions).
     *
     * @param processingResumedAfterSeconds null when a stalled partition never moved again
     * @param lagRecoveredAfterSeconds      null when lag never came back
     * @param episode                       1, 2, ...: faults that overlap (one applied inside the other's recovery)
     *                                      share an episode, and each is measured to the episode's end
     * @param overlapping                   whether other faults share this one's episode: its figures include theirs
     */
    public record FaultRecovery(String fault, double atSeconds, String outcome, double preFaultLagRecords,
                                long peakLagRecords, double peakLagAtSeconds, Double processingResumedAfterSeconds,
                                Double lagRecoveredAfterSeconds, long rebalances, double longestStallSeconds,
                                int stalledPartitions, int episode, boolean overlapping) {
    }

    /**
     * What the pipeline did during one phase of the rate timeline (rates are means over its seconds).
     *
     * @param lagDrainedAfterEndSeconds from the phase's end until lag is back within a quarter second of traffic of
     *                                  its mean over the previous phase (0 when it already is; null when it never
     *                                  comes back, or for the first phase)
     */
    public record PhaseFigures(String phase, double fromSeconds, double toSeconds, double targetEventsPerSecond,
                               double sentPerSecond, double processedPerSecond, long peakLagRecords,
                               Double lagDrainedAfterEndSeconds) {
    }

    /** One expectation from the scenario's {@code expect:}, and whether the run met it. */
    public record ExpectationResult(String name, String expected, String actual, boolean met) {
    }

    /** Committed-offset lag of the app's consumer group on the input topic. */
    public record Lag(String measure, long peakRecords, double peakAtSeconds) {
    }
}

package io.streamsim.simulator.report;

import java.time.Instant;
import java.util.List;

/**
 * The figures of one run, written as {@code summary.json}. A run stopped early (Ctrl-C, failure) still has
 * one, with {@code completed} false and the figures measured until then.
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
        List<String> talkingPoints) {

    public record Versions(String streamsim, String kafka, String java) {
    }

    public record Target(String mode, String bootstrapServers, int appInstances, int threadsPerInstance,
                         String guarantee) {
    }

    public record Topics(String input, String output, int partitions, int replicationFactor) {
    }

    /**
     * @param recordsOnInputTopic records the input topic holds after the run, watermarks excluded: equals
     *                            {@code recordsAcked} when nothing was lost or written twice
     * @param droppedLateKafka    (record, window) pairs Kafka Streams dropped as too late (its own metric)
     * @param droppedLateApp      the app's own count of the same, by the same rule
     */
    public record Totals(long eventsPlanned, long eventsDue, long eventsSent, long recordsSent, long recordsAcked,
                         long recordsFailed, long duplicatesSent, long recordsOnInputTopic, long watermarks,
                         long recordsProcessed, long droppedLateKafka, long droppedLateApp, WindowTotals windowResults) {
    }

    /**
     * @param contributions   sum of the latest count of every window: records aggregated
     * @param expected        what that sum must be with nothing lost or counted twice: records on the input
     *                        topic times windows per record, minus (record, window) pairs dropped late
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

    /** Committed-offset lag of the app's consumer group on the input topic. */
    public record Lag(String measure, long peakRecords, double peakAtSeconds) {
    }
}

package io.streamsim.simulator.run;

import java.util.List;

/**
 * What the run looked like at one second: a row of {@code timeseries.csv} and a line of the console.
 * Rates, the target rate included, are over the second before the sample; latency percentiles over results
 * read in that second ({@code NaN} when none were).
 *
 * @param lagRecords          committed-offset lag of the app's group on the input topic, summed (-1: unknown)
 * @param partitionLag        the same per input partition, in partition order
 * @param partitionCommitted  the group's committed offset per input partition (-1: none yet)
 * @param droppedLate         (record, window) pairs dropped as too late, by Kafka Streams' own metric
 * @param rebalances          rebalances the app instances have gone through, summed
 * @param faults              faults applied in the second before the sample, described; empty mostly
 * @param skew                per-partition processed rates and per-thread busy time ({@link SkewReading#NONE}: none)
 */
public record Sample(
        double elapsedSeconds,
        String stage,
        double targetEventsPerSecond,
        long eventsDue,
        long recordsSent,
        long recordsAcked,
        long recordsFailed,
        double sentPerSecond,
        long recordsProcessed,
        double processedPerSecond,
        long lagRecords,
        List<Long> partitionLag,
        List<Long> partitionCommitted,
        long windowResults,
        long droppedLate,
        long deadLettered,
        long rebalances,
        double endToEndP50Seconds,
        double endToEndP99Seconds,
        double scheduleLagSeconds,
        String faults,
        SkewReading skew) {

    public Sample {
        partitionLag = List.copyOf(partitionLag);
        partitionCommitted = List.copyOf(partitionCommitted);
        skew = skew == null ? SkewReading.NONE : skew;
    }

    /** A sample without per-partition or per-thread figures. */
    public Sample(double elapsedSeconds, String stage, double targetEventsPerSecond, long eventsDue, long recordsSent,
                  long recordsAcked, long recordsFailed, double sentPerSecond, long recordsProcessed,
                  double processedPerSecond, long lagRecords, List<Long> partitionLag, List<Long> partitionCommitted,
                  long windowResults, long droppedLate, long deadLettered, long rebalances, double endToEndP50Seconds,
                  double endToEndP99Seconds, double scheduleLagSeconds, String faults) {
        this(elapsedSeconds, stage, targetEventsPerSecond, eventsDue, recordsSent, recordsAcked, recordsFailed,
                sentPerSecond, recordsProcessed, processedPerSecond, lagRecords, partitionLag, partitionCommitted,
                windowResults, droppedLate, deadLettered, rebalances, endToEndP50Seconds, endToEndP99Seconds,
                scheduleLagSeconds, faults, SkewReading.NONE);
    }
}

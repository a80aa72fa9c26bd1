package io.streamsim.simulator.run;

import java.util.List;

/**
 * What the run looked like at one second: a row of {@code timeseries.csv} and a line of the console.
 * Rates, the target rate included, are over the second before the sample; latency percentiles over results read in that second
 * ({@code NaN} when none were).
 *
 * @param lagRecords        committed-offset lag of the app's group on the input topic, summed
 * @param partitionLag      the same per input partition, in partition order
 * @param droppedLate       (record, window) pairs dropped as too late, by Kafka Streams' own metric
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
        long windowResults,
        long droppedLate,
        double endToEndP50Seconds,
        double endToEndP99Seconds,
        double scheduleLagSeconds) {

    public Sample {
        partitionLag = List.copyOf(partitionLag);
    }
}

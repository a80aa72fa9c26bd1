package io.streamsim.simulator.run;

import java.util.List;

/**
 * The per-partition and per-thread part of one {@link Sample}: where the work went that second.
 *
 * @param partitionProcessedPerSecond records per second the app's group committed past, per input partition in
 *                                    partition order, over the last {@value #RATE_SPAN_SAMPLES} samples (about as
 *                                    many seconds): Kafka Streams commits once per commit interval (1 s under
 *                                    at_least_once), so over a single second the rate would read 0 or twice itself
 * @param threads                     every live stream thread's {@link ThreadLoad}, by instance then thread
 */
public record SkewReading(List<Double> partitionProcessedPerSecond, List<ThreadLoad> threads) {

    public static final SkewReading NONE = new SkewReading(List.of(), List.of());

    /** Samples the per-partition rates span. */
    public static final int RATE_SPAN_SAMPLES = 3;

    public SkewReading {
        partitionProcessedPerSecond = List.copyOf(partitionProcessedPerSecond);
        threads = List.copyOf(threads);
    }

    /**
     * Records per second per partition from two readings of the group's committed offsets ({@code -1}: none yet,
     * counted as 0) taken {@code seconds} apart.
     */
    static List<Double> ratesPerSecond(List<Long> before, List<Long> after, double seconds) {
        java.util.List<Double> rates = new java.util.ArrayList<>(after.size());
        for (int p = 0; p < after.size(); p++) {
            long from = p < before.size() ? Math.max(0, before.get(p)) : 0;
            long to = Math.max(0, after.get(p));
            rates.add(Math.max(0, to - from) / seconds);
        }
        return rates;
    }
}

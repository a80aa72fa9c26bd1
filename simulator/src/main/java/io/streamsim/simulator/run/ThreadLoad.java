package io.streamsim.simulator.run;

/**
 * What one stream thread of one app instance did with its time, by Kafka Streams' own thread-level ratios
 * ({@code stream-thread-metrics}: {@code process-ratio}, {@code punctuate-ratio}, {@code commit-ratio},
 * {@code poll-ratio}, INFO level), each the share of the thread's elapsed time over Kafka's rolling measurement
 * window. The four add up to about 1; a thread waiting for records spends the rest in {@code poll}.
 *
 * @param thread the thread's short name within its instance, e.g. {@code StreamThread-1}
 */
public record ThreadLoad(String instance, String thread, double processRatio, double punctuateRatio,
                         double commitRatio, double pollRatio) {

    /** The share of time the thread worked rather than waited: process + punctuate + commit. */
    public double busy() {
        return processRatio + punctuateRatio + commitRatio;
    }

    /** {@code instance/thread}: how the time series and the report name it. */
    public String name() {
        return instance + "/" + thread;
    }
}

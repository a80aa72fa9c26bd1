package io.streamsim.simulator.instances;

import java.time.Duration;

/**
 * What an app instance has done, as of its last answer. Counts are cumulative over the instance's lifetimes: a
 * restarted child starts its counters at zero, so the values its earlier lives last reported are added, and a
 * dead instance keeps its last known values. "Last known" means the last {@code GET /control/status} answer (asked
 * for just before a kill or stop, too) or, after a clean stop, the child's {@code final-status} line: records a
 * child handled after that are not in it. Counts are not transactional: records processed before a crash and
 * processed again by another instance count twice, so under a crash {@code processed} exceeds the input.
 *
 * @param droppedLateApp   (record, window) pairs the app dropped as late
 * @param droppedLateKafka Kafka's own dropped-records over the instance's tasks as last reported; it falls when a
 *                         rebalance takes tasks away, so it is only a lower bound of what Kafka dropped
 * @param deadLettered     undecodable records written to the dead-letter topic
 * @param rebalances       transitions into REBALANCING, each life's startup one included
 * @param state            the Kafka Streams state while alive ({@code RUNNING}, {@code REBALANCING}, ...; or
 *                         {@link #STARTING} before the child answers), else {@link #NOT_STARTED}, {@link #KILLED},
 *                         {@link #STOPPED} or {@link #EXITED} (ended on its own)
 * @param appThreadsCpu    CPU time of the instance's Kafka Streams threads (the app's {@code appThreadsCpuSeconds}),
 *                         summed over lives like the counts, each life as of its last answer (what its threads
 *                         used closing, after the last answer, is not in it; a life that never answered adds 0); null
 *                         when a life answered without it
 */
public record InstanceStatus(
        long processed,
        long droppedLateApp,
        long droppedLateKafka,
        long deadLettered,
        long rebalances,
        String state,
        boolean alive,
        Duration appThreadsCpu) {

    public static final String NOT_STARTED = "NOT_STARTED";
    public static final String STARTING = "STARTING";
    public static final String RUNNING = "RUNNING";
    public static final String KILLED = "KILLED";
    public static final String STOPPED = "STOPPED";
    public static final String EXITED = "EXITED";

    static final InstanceStatus NONE = new InstanceStatus(0, 0, 0, 0, 0, NOT_STARTED, false, Duration.ZERO);

    /** A status whose threads' CPU time is not known. */
    public InstanceStatus(long processed, long droppedLateApp, long droppedLateKafka, long deadLettered,
                          long rebalances, String state, boolean alive) {
        this(processed, droppedLateApp, droppedLateKafka, deadLettered, rebalances, state, alive, null);
    }

    /** The counts of both, with {@code state} and {@code alive}. */
    InstanceStatus plus(InstanceStatus other, String state, boolean alive) {
        return new InstanceStatus(processed + other.processed, droppedLateApp + other.droppedLateApp,
                droppedLateKafka + other.droppedLateKafka, deadLettered + other.deadLettered,
                rebalances + other.rebalances, state, alive,
                appThreadsCpu == null || other.appThreadsCpu == null ? null : appThreadsCpu.plus(other.appThreadsCpu));
    }

    /** A status's CPU time from the app's seconds; null stays null. */
    static Duration cpu(Double appThreadsCpuSeconds) {
        return appThreadsCpuSeconds == null ? null : Duration.ofNanos(Math.round(appThreadsCpuSeconds * 1e9));
    }
}

package io.streamsim.simulator.run;

import java.time.Duration;

/**
 * What the app cost in CPU, as {@code summary.json}'s {@code cpu} section: the CPU time of the app instances' Kafka
 * Streams threads (stream threads, state updaters, the global thread, their producers' and admin clients' network
 * threads; see streams-app's {@code AppThreadCpu}) summed over every instance and life, from each life's start to its
 * last status, start-up, restores and the drain included. Not in it: the JVM's GC and JIT threads, the consumer's
 * heartbeat thread, a thread's CPU after its last one-second sample when it ended before its instance reported, and
 * the broker and producers. A per-event figure to compare choices by (exactly-once against at-least-once), not a
 * capacity: the pipeline benchmark ({@code streamsim bench pipeline}) measures the whole process.
 *
 * @param appThreadsSeconds CPU seconds of those threads; null when an instance did not report it (a JVM without
 *                          thread CPU time)
 * @param inputRecords      records the app had to read once: the input topic's records after the run, watermarks
 *                          excluded (poison and backfilled records included); -1 when the topic could not be read
 * @param microsPerEvent    {@code appThreadsSeconds} over {@code inputRecords}, in microseconds; null when either is
 *                          unknown or there was no record
 */
public record CpuFigures(Double appThreadsSeconds, long inputRecords, Double microsPerEvent) {

    /** The figures of a run whose app threads used {@code appThreads} (null: unknown) over {@code inputRecords}. */
    public static CpuFigures of(Duration appThreads, long inputRecords) {
        Double seconds = appThreads == null ? null : appThreads.toNanos() / 1e9;
        Double micros = seconds == null || inputRecords <= 0 ? null : appThreads.toNanos() / 1e3 / inputRecords;
        return new CpuFigures(seconds, inputRecords, micros);
    }
}

package io.streamsim.simulator.run;

import java.util.List;
import java.util.Objects;

/**
 * The run's reference table, as {@code summary.json}'s {@code reference} section: null when the scenario has none.
 *
 * @param rows             rows in the table (one per event key)
 * @param rowsWritten      rows acknowledged before the load started: equals {@code rows} unless the write failed
 * @param updatesPerSecond the scenario's update rate (wall clock)
 * @param updatesWritten   updates acknowledged during the load
 * @param updatesFailed    updates the broker refused or that timed out
 * @param lastError        the last write error, null when none
 * @param onTopic          what the topic held when read back after the load; null when it was not read
 * @param bootstraps       how long each app instance took to load the table, per life (first start, each restart)
 *                         and per load, as the instances themselves measured it ({@link TableFigures}); empty without
 *                         an enrich step
 * @param held             what each instance's table store held after the drain, counted in the store itself;
 *                         empty when not asked (no enrich step, no drain)
 */
public record ReferenceFigures(String topic, String table, long rows, long rowsWritten, double updatesPerSecond,
                               long updatesWritten, long updatesFailed, String lastError, OnTopic onTopic,
                               List<Bootstrap> bootstraps, List<Held> held) {

    public ReferenceFigures {
        bootstraps = List.copyOf(Objects.requireNonNullElse(bootstraps, List.of()));
        held = List.copyOf(Objects.requireNonNullElse(held, List.of()));
    }

    /** Before the instances were asked. */
    public ReferenceFigures(String topic, String table, long rows, long rowsWritten, double updatesPerSecond,
                            long updatesWritten, long updatesFailed, String lastError, OnTopic onTopic) {
        this(topic, table, rows, rowsWritten, updatesPerSecond, updatesWritten, updatesFailed, lastError, onTopic,
                List.of(), List.of());
    }

    /**
     * One load of the table by one life of one instance.
     *
     * @param life                1 for the first start, 2 after the first restart, ...
     * @param startedAtSeconds    when the load began, in seconds from the start of the load (negative: before it)
     * @param kind                {@code global-restore} (broadcast: the global store restored from the reference
     *                            topic before processing), {@code changelog-restore} (shuffle: the KTable store
     *                            restored from its changelog, after a restart or a task move), {@code source-read}
     *                            (shuffle, first start: the task's reference partitions processed up to the end
     *                            offsets they had at the life's start) or {@link #NO_LOAD}
     * @param topic               the topic read; for {@link #NO_LOAD}, the store
     * @param records             records restored, or offsets read up to the ends at start
     * @param seconds             how long it took; null when it had not ended
     * @param runningAfterSeconds the life's time from {@code start()} to {@code RUNNING}; null if never
     */
    public record Bootstrap(String instance, int life, double startedAtSeconds, String kind, String topic,
                            long records, int partitions, Double seconds, Double runningAfterSeconds) {

        /**
         * No load recorded in the life by its last status (the row begins at the life's start, with no records and
         * no duration): e.g. a restarted instance whose table tasks had not come back to it, or not restored any
         * record, before the run ended.
         */
        public static final String NO_LOAD = "none";

        /** Whether this row is a {@link #NO_LOAD}. */
        public boolean noLoad() {
            return NO_LOAD.equals(kind);
        }
    }

    /**
     * What one instance's table store held, from the store itself.
     *
     * @param rows    current rows (one per key; a versioned store's superseded versions not counted)
     * @param bytes   serialized key + value bytes of those rows
     * @param counted how they were counted
     */
    public record Held(String instance, String join, long rows, long bytes, String counted) {
    }

    ReferenceFigures withInstances(List<Bootstrap> loads, List<Held> holdings) {
        return new ReferenceFigures(topic, table, rows, rowsWritten, updatesPerSecond, updatesWritten, updatesFailed,
                lastError, onTopic, loads, holdings);
    }

    /**
     * The reference topic read back from its start.
     *
     * @param records     records read
     * @param versionZero of them, rows as the table started
     * @param updates     of them, later versions
     * @param keys        distinct row keys
     * @param problems    the first few records that were undecodable, keyed or timestamped other than their row, or
     *                    out of version order; empty when none
     */
    public record OnTopic(long records, long versionZero, long updates, long keys, List<String> problems) {

        public OnTopic {
            problems = List.copyOf(problems);
        }
    }

    ReferenceFigures withOnTopic(OnTopic read) {
        return new ReferenceFigures(topic, table, rows, rowsWritten, updatesPerSecond, updatesWritten, updatesFailed,
                lastError, read, bootstraps, held);
    }
}

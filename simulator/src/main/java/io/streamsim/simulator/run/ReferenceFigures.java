package io.streamsim.simulator.run;

import java.util.List;

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
 */
public record ReferenceFigures(String topic, String table, long rows, long rowsWritten, double updatesPerSecond,
                               long updatesWritten, long updatesFailed, String lastError, OnTopic onTopic) {

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
                lastError, read);
    }
}

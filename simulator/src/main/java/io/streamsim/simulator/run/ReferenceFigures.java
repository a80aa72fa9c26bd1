package io.streamsim.simulator.run;

/**
 * The run's reference table, as {@code summary.json}'s {@code reference} section: null when the scenario has none.
 *
 * @param rows             rows in the table (one per event key)
 * @param rowsWritten      rows acknowledged before the load started: equals {@code rows} unless the write failed
 * @param updatesPerSecond the scenario's update rate (wall clock)
 * @param updatesWritten   updates acknowledged during the load
 * @param updatesFailed    updates the broker refused or that timed out
 * @param lastError        the last write error, null when none
 */
public record ReferenceFigures(String topic, String table, long rows, long rowsWritten, double updatesPerSecond,
                               long updatesWritten, long updatesFailed, String lastError) {
}

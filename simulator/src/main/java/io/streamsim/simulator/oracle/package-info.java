/**
 * The end-of-run oracle check against a real cluster: replays the input topic through
 * {@link io.streamsim.model.oracle.WindowOracle}, reads the latest result of every window from the output
 * topic, compares ({@link io.streamsim.model.oracle.OracleComparison}) and writes the verdict for
 * {@code summary.json} ({@link io.streamsim.simulator.oracle.OracleReport}) and the mismatching windows as CSV.
 * Both topics are read {@code read_committed}, as a downstream consumer would, up to the end offsets taken
 * when the check starts.
 */
package io.streamsim.simulator.oracle;

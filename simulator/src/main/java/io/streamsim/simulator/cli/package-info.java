/**
 * The {@code streamsim} command line: one class per subcommand, output through the writers picocli is
 * given (so tests read it), and named exit codes in {@link io.streamsim.simulator.cli.ExitCodes}.
 */
package io.streamsim.simulator.cli;

/**
 * Small helpers that more than one simulator package needs, each written once with one rule:
 * {@link io.streamsim.simulator.support.FreePorts} (loopback ports for the brokers),
 * {@link io.streamsim.simulator.support.Directories} (recursive delete of temporary and state directories) and
 * {@link io.streamsim.simulator.support.CsvWriter} (the run folder's CSV files, RFC 4180 quoting).
 * Nothing here knows about runs, reports or Kafka.
 */
package io.streamsim.simulator.support;

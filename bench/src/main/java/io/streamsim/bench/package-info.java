/**
 * Benchmarks that put streamsim's parts next to Kafka's own tools on the same broker, in the same run,
 * and report ratios: absolute figures on a shared 2-core machine swing by 20% run to run, ratios much less.
 */
package io.streamsim.bench;

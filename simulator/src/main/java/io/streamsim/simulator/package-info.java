/**
 * The streamsim simulator: runs a scenario end to end on a real Kafka broker (embedded, or any cluster)
 * and leaves a run folder with what it measured.
 */
package io.streamsim.simulator;

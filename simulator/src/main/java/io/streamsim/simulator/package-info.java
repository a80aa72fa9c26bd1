/**
 * The streamsim simulator: runs a scenario end to end on a real Kafka broker (embedded, or any cluster)
 * and leaves a run folder with what it measured. {@link io.streamsim.simulator.ScenarioRun} is where the parts
 * meet: the run ({@code run}), its live page ({@code ui}) and its folder ({@code report}).
 */
package io.streamsim.simulator;

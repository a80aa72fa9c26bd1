/**
 * The live page of a running scenario: {@link io.streamsim.simulator.ui.LiveServer} serves, on loopback only
 * ({@code --ui-host}), a page with the report's charts updating each second (server-sent events, history replayed on
 * connect, a bounded number of viewers) and the presenter's controls (rate x10 and /10, scale out and in, kill one,
 * poison burst), which act through {@link io.streamsim.simulator.run.RunControl} within stated bounds and come back
 * as markers on the run's timeline. Who may call what is {@link io.streamsim.streams.http.LoopbackGuard}'s rule,
 * shared with the app instances' endpoints. The run does not know this package:
 * {@link io.streamsim.simulator.ScenarioRun} starts the server when the run's controls are ready.
 */
package io.streamsim.simulator.ui;

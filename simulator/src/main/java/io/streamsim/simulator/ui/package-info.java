/**
 * The live page of a running scenario: {@link io.streamsim.simulator.ui.LiveServer} serves, on loopback only, a
 * page with the report's charts updating each second (server-sent events, history replayed on connect) and the
 * presenter's controls (rate x10 and /10, scale out and in, kill one, poison burst), which act through
 * {@link io.streamsim.simulator.run.RunControl} and come back as markers on the run's timeline.
 */
package io.streamsim.simulator.ui;

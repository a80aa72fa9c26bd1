/**
 * What a run leaves behind: {@code summary.json} (the figures) and {@code timeseries.csv} (one row a second)
 * in {@code runs/<scenario>-<timestamp>/}.
 */
package io.streamsim.simulator.report;

/**
 * What a run leaves behind in {@code runs/<scenario>-<timestamp>/}: {@code summary.json} (the figures),
 * {@code timeseries.csv} (one row a second) and {@code report.html} (the charts, self-contained: the chart script
 * is inlined, nothing is fetched when it is opened).
 */
package io.streamsim.simulator.report;

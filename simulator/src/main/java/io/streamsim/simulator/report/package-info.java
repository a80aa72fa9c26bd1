/**
 * What a run leaves behind in {@code runs/<scenario>-<timestamp>/}: {@code summary.json} (the figures),
 * {@code timeseries.csv} (one row a second) and {@code report.html} (the charts, self-contained: the chart script
 * is inlined, nothing is fetched when it is opened). It reads what {@code run} produces (the summary, the samples,
 * the timeline) and is not known to it.
 */
package io.streamsim.simulator.report;

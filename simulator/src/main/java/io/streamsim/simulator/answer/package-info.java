/**
 * A run's answer sheet: the catalog of {@code summary.json}'s figures read from {@code RunSummary}'s record
 * components (which checks talking points when a scenario is loaded), and the talking points rendered with a run's
 * numbers, conditionals resolved, for report.html and the console.
 */
package io.streamsim.simulator.answer;

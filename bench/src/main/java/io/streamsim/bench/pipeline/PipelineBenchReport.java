package io.streamsim.bench.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code bench-pipeline.json}: the settings, the search, each side's maximum sustainable rate with the probe that
 * showed it and every probe, and the ratio of the two maxima.
 *
 * @param ratio streamsim's max sustainable rate over the baseline's; null when either side has none or was not run
 */
record PipelineBenchReport(Instant startedAt, Instant finishedAt, String settings, Search search,
                           Map<String, Object> machine, Map<String, SideReport> sides, Double ratio) {

    /**
     * How the rate was searched.
     *
     * @param order how the two sides' probes were interleaved
     */
    record Search(double startEventsPerSecond, double stepFactor, double precision, int maxProbesPerSide,
                  int warmupProbesPerSide, String order, String sustainable) {
    }

    /**
     * One side's outcome.
     *
     * @param firstFailingEventsPerSecond the lowest failing rate above the max; null when every probe held
     * @param converged                   the max is bracketed within the precision (not cut short by max probes)
     * @param atMax                       the probe at the max rate (figures per event are from its hold)
     */
    record SideReport(String description, double maxSustainableEventsPerSecond, Double firstFailingEventsPerSecond,
                      boolean converged, ProbeResult atMax, List<ProbeResult> probes) {
    }
}

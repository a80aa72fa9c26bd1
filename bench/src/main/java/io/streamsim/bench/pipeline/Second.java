package io.streamsim.bench.pipeline;

/**
 * One once-a-second reading of a probe, however it was taken (streamsim's {@code timeseries.csv}, or the bench's
 * own sampler for the baseline).
 *
 * @param elapsedSeconds   since the first event was due (streamsim: its load start; baseline: ProducerPerformance's
 *                         start)
 * @param recordsProduced  records acknowledged (streamsim) or on the input topic (baseline) so far
 * @param lagRecords       committed-offset lag of the app's group on the input topic, summed; -1 when unknown
 */
record Second(double elapsedSeconds, long recordsProduced, long lagRecords) {
}

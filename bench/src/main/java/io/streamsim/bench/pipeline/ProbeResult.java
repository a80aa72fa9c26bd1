package io.streamsim.bench.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One probe of one side at one rate, as written to {@code bench-pipeline.json}.
 *
 * @param warmupProbe              run before the search to warm the JVM up; not counted
 * @param producedPerSecond        records produced per second over the hold
 * @param firstEventAfterSeconds   from the start of the probe (topics, app, producers) to the first event
 * @param keepsUpAfterSeconds      from the first event until lag stayed below the limit for good; null: never
 * @param cpuMicrosPerEvent        CPU over the hold per event produced, by thread role and process
 * @param cpuWindowSeconds         the span of the two CPU snapshots nearest the hold's edges, inside it
 * @param rssMegabytes             resident memory of each JVM at the end of the hold
 * @param totalRssAtHoldStartMegabytes all JVMs' resident memory at the start of the hold: against the total at its
 *                                 end, whether memory stays flat
 * @param otherThreads             Java threads counted as "other", busiest first
 * @param runFolder                streamsim's run folder (streamsim side)
 * @param note                     how the probe ended, as its side saw it
 */
record ProbeResult(String side, int number, boolean warmupProbe, double targetEventsPerSecond, boolean sustainable,
                   String reason, double producedPerSecond, long maxLagRecords, long lagThresholdRecords,
                   int unknownLagSeconds, Double firstEventAfterSeconds, Double keepsUpAfterSeconds,
                   double wallSeconds, Map<String, Double> cpuMicrosPerEvent, double cpuWindowSeconds,
                   Map<String, Long> rssMegabytes, long totalRssAtHoldStartMegabytes, long totalRssMegabytes,
                   List<String> otherThreads,
                   String runFolder, String note) {
}

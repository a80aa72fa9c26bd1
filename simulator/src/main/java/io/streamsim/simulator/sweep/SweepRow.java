package io.streamsim.simulator.sweep;

import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep: the values of the varied paths and the key figures of its {@link RunSummary}. A figure that
 * was not measured (no window result read, the run did not drain, no fault) is null.
 *
 * @param run                    1 .. n, in the order run
 * @param repetition             1 .. repeat
 * @param folder                 the run's folder, relative to the sweep's
 * @param outcome                completed, stopped or failed
 * @param sentPerSecond          mean sent rate over the load
 * @param processedPerSecond     mean processed rate over the load
 * @param peakProcessedPerSecond highest processed rate of one second
 * @param peakLagRecords         peak committed-offset lag
 * @param drainSeconds           from the last load sample to the last drain sample, when the run drained: how long
 *                               the pipeline took to catch up after the last event; null when it did not drain
 * @param p50Seconds             end-to-end latency over every window result read
 * @param p99Seconds             the same, p99
 * @param droppedLateFraction    (record, window) pairs Kafka Streams dropped as late over those pairs plus the ones
 *                               aggregated (the windows' counts summed): 0.04 = 4% of what should have counted did
 *                               not; null when nothing was aggregated or dropped
 * @param oracleVerdict          the oracle's verdict; null when it did not run
 * @param maxProcessingResumedSeconds longest time until processing resumed after a fault; null without faults or
 *                               when it never resumed
 * @param maxLagRecoveredSeconds longest time until lag recovered after a fault; null without faults or when it
 *                               never did
 * @param maxPartitionShare      the largest share of one partition of any topic the skew figures measure (the input
 *                               topic's processed records, each repartition stage's records): where a hot key lands;
 *                               null when none was measured
 * @param maxPartitionLagRecords the largest committed-offset lag of one partition of those topics in any sample; null
 *                               when none was measured
 * @param appCpuMicrosPerEvent   CPU time of the app's Kafka Streams threads per input record, microseconds
 *                               ({@link io.streamsim.simulator.run.CpuFigures}); null when not measured
 */
public record SweepRow(int run, Map<String, String> values, int repetition, String folder, String outcome,
                       double sentPerSecond, double processedPerSecond, double peakProcessedPerSecond,
                       long peakLagRecords, Double drainSeconds, Double p50Seconds, Double p99Seconds,
                       Double droppedLateFraction, String oracleVerdict, Double maxProcessingResumedSeconds,
                       Double maxLagRecoveredSeconds, Double maxPartitionShare, Double maxPartitionLagRecords,
                       Double appCpuMicrosPerEvent) {

    /** The figures' names, as the CSV's columns after the varied paths, and as sweep.json's keys. */
    public static final List<String> FIGURES = List.of("sentPerSecond", "processedPerSecond",
            "peakProcessedPerSecond", "peakLagRecords", "drainSeconds", "p50Seconds", "p99Seconds",
            "droppedLateFraction", "oracleVerdict", "maxProcessingResumedSeconds", "maxLagRecoveredSeconds",
            "maxPartitionShare", "maxPartitionLagRecords", "appCpuMicrosPerEvent");

    public SweepRow {
        values = Map.copyOf(values);
    }

    /** A row without the CPU figure (read from a sweep.json written before it existed). */
    public SweepRow(int run, Map<String, String> values, int repetition, String folder, String outcome,
                    double sentPerSecond, double processedPerSecond, double peakProcessedPerSecond,
                    long peakLagRecords, Double drainSeconds, Double p50Seconds, Double p99Seconds,
                    Double droppedLateFraction, String oracleVerdict, Double maxProcessingResumedSeconds,
                    Double maxLagRecoveredSeconds, Double maxPartitionShare, Double maxPartitionLagRecords) {
        this(run, values, repetition, folder, outcome, sentPerSecond, processedPerSecond, peakProcessedPerSecond,
                peakLagRecords, drainSeconds, p50Seconds, p99Seconds, droppedLateFraction, oracleVerdict,
                maxProcessingResumedSeconds, maxLagRecoveredSeconds, maxPartitionShare, maxPartitionLagRecords, null);
    }

    /** The row of a finished run. */
    public static SweepRow of(SweepPlan.PlannedRun planned, String folder, RunSummary s, List<Sample> samples) {
        RunSummary.Latency latency = s.latency();
        boolean latencies = latency.results() > 0;
        long dropped = s.totals().droppedLateKafka();
        long aggregated = Math.max(0, s.totals().windowResults().contributions());
        Double droppedFraction = dropped + aggregated == 0 ? null : (double) dropped / (dropped + aggregated);
        return new SweepRow(planned.number(), planned.values(), planned.repetition(), folder, s.outcome(),
                s.throughput().meanSentPerSecond(), s.throughput().meanProcessedPerSecond(),
                s.throughput().peakProcessedPerSecond(), s.lag().peakRecords(), drainSeconds(s, samples),
                latencies ? latency.p50Seconds() : null, latencies ? latency.p99Seconds() : null, droppedFraction,
                s.oracle() == null ? null : s.oracle().verdict(),
                max(s.faults().stream().map(RunSummary.FaultRecovery::processingResumedAfterSeconds).toList()),
                max(s.faults().stream().map(RunSummary.FaultRecovery::lagRecoveredAfterSeconds).toList()),
                maxPartitionShare(s), maxPartitionLag(s), s.cpu() == null ? null : s.cpu().microsPerEvent());
    }

    /** A figure by its name in {@link #FIGURES}: a Number, a String or null. */
    public Object figure(String name) {
        return switch (name) {
            case "sentPerSecond" -> sentPerSecond;
            case "processedPerSecond" -> processedPerSecond;
            case "peakProcessedPerSecond" -> peakProcessedPerSecond;
            case "peakLagRecords" -> peakLagRecords;
            case "drainSeconds" -> drainSeconds;
            case "p50Seconds" -> p50Seconds;
            case "p99Seconds" -> p99Seconds;
            case "droppedLateFraction" -> droppedLateFraction;
            case "oracleVerdict" -> oracleVerdict;
            case "maxProcessingResumedSeconds" -> maxProcessingResumedSeconds;
            case "maxLagRecoveredSeconds" -> maxLagRecoveredSeconds;
            case "maxPartitionShare" -> maxPartitionShare;
            case "maxPartitionLagRecords" -> maxPartitionLagRecords;
            case "appCpuMicrosPerEvent" -> appCpuMicrosPerEvent;
            default -> throw new IllegalArgumentException("no figure " + name);
        };
    }

    static Double maxPartitionShare(RunSummary s) {
        List<Double> shares = new ArrayList<>();
        if (s.skew() != null) {
            shares.add(s.skew().maxPartitionShare());
        }
        if (s.stageSkew() != null) {
            s.stageSkew().stages().forEach(st -> shares.add(st.maxPartitionShare()));
        }
        return shares.stream().filter(Double::isFinite).max(Double::compare).orElse(null);
    }

    static Double maxPartitionLag(RunSummary s) {
        List<Double> lags = new ArrayList<>();
        if (s.skew() != null) {
            lags.add((double) s.skew().maxPartitionLagRecords());
        }
        if (s.stageSkew() != null) {
            s.stageSkew().stages().forEach(st -> lags.add((double) st.maxPartitionLagRecords()));
        }
        return lags.stream().filter(v -> v >= 0).max(Double::compare).orElse(null);
    }

    static Double drainSeconds(RunSummary s, List<Sample> samples) {
        if (!s.checks().drained()) {
            return null;
        }
        Double lastLoad = null;
        Double lastDrain = null;
        for (Sample sample : samples) {
            if ("load".equals(sample.stage())) {
                lastLoad = sample.elapsedSeconds();
            } else if ("drain".equals(sample.stage())) {
                lastDrain = sample.elapsedSeconds();
            }
        }
        if (lastLoad == null) {
            return null;
        }
        return lastDrain == null ? 0.0 : lastDrain - lastLoad;
    }

    private static Double max(List<Double> values) {
        if (values.isEmpty() || values.contains(null)) {
            return null;
        }
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}

package io.streamsim.simulator.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the work went, as {@code summary.json}'s {@code skew} section: a hot key shows as one partition with most
 * of the records and the lag, and one stream thread busy while the others wait.
 *
 * @param partitionProcessed     records the app's group committed past per input partition by the last sample
 *                               (its committed offset: the group is new with every run)
 * @param maxPartitionShare      the largest partition's share of all processed records, in [0, 1]; {@code 1/partitions}
 *                               when the load is even
 * @param hottestPartition       the partition with that share (-1 when nothing was processed)
 * @param maxPartitionLagRecords the largest committed-offset lag of any one partition in any sample
 * @param maxLagPartition        the partition it was on (-1: no lag seen)
 * @param maxLagAtSeconds        when
 * @param threads                each stream thread's busy fraction over the load's samples, by name
 * @param busiestThreadMeanBusy  the highest mean busy fraction of any thread (0 when no thread reported)
 * @param idlestThreadMeanBusy   the lowest
 */
public record SkewFigures(List<Long> partitionProcessed, double maxPartitionShare, int hottestPartition,
                          long maxPartitionLagRecords, int maxLagPartition, double maxLagAtSeconds,
                          List<ThreadBusy> threads, double busiestThreadMeanBusy, double idlestThreadMeanBusy) {

    /**
     * One stream thread's {@link ThreadLoad#busy()} over the load samples in which it reported.
     *
     * @param samples how many samples that was
     */
    public record ThreadBusy(String thread, int samples, double meanBusy, double maxBusy, double meanProcessRatio) {
    }

    /** The figures of {@code samples}; busy fractions from the {@code load} stage only (the drain idles by design). */
    public static SkewFigures of(List<Sample> samples) {
        int partitions = samples.stream().mapToInt(s -> s.partitionCommitted().size()).max().orElse(0);
        List<Long> processed = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            long max = 0;
            for (Sample s : samples) {
                if (p < s.partitionCommitted().size()) {
                    max = Math.max(max, s.partitionCommitted().get(p));
                }
            }
            processed.add(max);
        }
        long total = processed.stream().mapToLong(Long::longValue).sum();
        int hottest = -1;
        for (int p = 0; p < partitions; p++) {
            if (processed.get(p) > 0 && (hottest < 0 || processed.get(p) > processed.get(hottest))) {
                hottest = p;
            }
        }
        long maxLag = 0;
        int lagPartition = -1;
        double lagAt = 0;
        for (Sample s : samples) {
            for (int p = 0; p < s.partitionLag().size(); p++) {
                if (s.partitionLag().get(p) > maxLag) {
                    maxLag = s.partitionLag().get(p);
                    lagPartition = p;
                    lagAt = s.elapsedSeconds();
                }
            }
        }
        Map<String, List<ThreadLoad>> byThread = new TreeMap<>();
        for (Sample s : samples) {
            if ("load".equals(s.stage())) {
                for (ThreadLoad t : s.skew().threads()) {
                    byThread.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(t);
                }
            }
        }
        List<ThreadBusy> threads = new ArrayList<>();
        byThread.forEach((name, loads) -> threads.add(new ThreadBusy(name, loads.size(),
                loads.stream().mapToDouble(ThreadLoad::busy).average().orElse(0),
                loads.stream().mapToDouble(ThreadLoad::busy).max().orElse(0),
                loads.stream().mapToDouble(ThreadLoad::processRatio).average().orElse(0))));
        return new SkewFigures(processed, total == 0 ? 0 : (double) processed.get(hottest) / total, hottest, maxLag,
                lagPartition, lagAt, threads,
                threads.stream().mapToDouble(ThreadBusy::meanBusy).max().orElse(0),
                threads.stream().mapToDouble(ThreadBusy::meanBusy).min().orElse(0));
    }
}

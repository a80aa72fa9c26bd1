package io.streamsim.simulator.run;

import java.util.List;

/**
 * Where a groupBy's work went, per stage, as {@code summary.json}'s {@code stageSkew} section: the input partitions
 * ({@link SkewFigures}) are keyed by the producer, but the window aggregation runs on the repartition topic's, so a
 * hot group-by key shows there. Unsalted: one stage, the repartition topic {@code by-<fields>}. Salted: stage 1 on
 * {@code by-<fields>} (sub-keys, spread), stage 2 on {@code by-<fields>-unsalted} (one partial per sub-key and window,
 * back on the hot key's partition but few records): its records and bytes are salting's cost.
 *
 * @param salt   sub-keys per key (1: unsalted)
 * @param stages in order: the repartition topic each stage's window or combining tasks read
 */
public record StageSkewFigures(int salt, List<Stage> stages) {

    public StageSkewFigures {
        stages = List.copyOf(stages);
    }

    /**
     * One stage's input.
     *
     * @param name                   {@code stage 1} or {@code stage 2}
     * @param topic                  the repartition topic
     * @param partitionRecords       records on each partition at the end of the run (read_committed), watermarks
     *                               included
     * @param records                their sum
     * @param bytes                  key and value bytes of those records (headers and record overhead excluded)
     * @param maxPartitionShare      the largest partition's share of the records, in [0, 1]
     * @param hottestPartition       that partition (-1: no records)
     * @param maxPartitionLagRecords the largest committed-offset lag of the app's group on one partition in any
     *                               sample (end offsets count transaction markers too, a few per commit)
     * @param maxLagPartition        that partition (-1: no lag seen)
     * @param maxLagAtSeconds        when, from the start of the load
     */
    public record Stage(String name, String topic, List<Long> partitionRecords, long records, long bytes,
                        double maxPartitionShare, int hottestPartition, long maxPartitionLagRecords,
                        int maxLagPartition, double maxLagAtSeconds) {

        public Stage {
            partitionRecords = List.copyOf(partitionRecords);
        }
    }
}

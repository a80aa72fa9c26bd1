package io.streamsim.model.scenario;

/** The input and output topics; the simulator creates both with these settings. */
public record TopicsSpec(int partitions, short replicationFactor) {

    /** What a file that leaves {@code topics:} out, or one of its keys, gets: 6 partitions, replication factor 1. */
    public static final TopicsSpec DEFAULT = new TopicsSpec(6, (short) 1);

    public TopicsSpec {
        Checks.at("").range("partitions", partitions, 1, 1000).range("replicationFactor", replicationFactor, 1, 5).done();
    }
}

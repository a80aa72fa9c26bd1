package io.streamsim.model.scenario;

/** The input and output topics; the simulator creates both with these settings. */
public record TopicsSpec(int partitions, short replicationFactor) {

    public TopicsSpec {
        Checks.at("").range("partitions", partitions, 1, 1000).range("replicationFactor", replicationFactor, 1, 5).done();
    }
}

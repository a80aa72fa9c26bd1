package io.streamsim.simulator.broker;

/** Node numbering shared by the {@link KafkaCluster} implementations. */
final class KafkaClusterNodes {

    private KafkaClusterNodes() {
    }

    static String name(int node) {
        return "broker-" + node;
    }

    static void check(int node, int size) {
        if (node < 1 || node > size) {
            throw new IllegalArgumentException("no node " + node + " in a cluster of " + size + " (nodes are 1.." + size + ")");
        }
    }
}

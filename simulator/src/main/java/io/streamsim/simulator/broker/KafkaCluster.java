package io.streamsim.simulator.broker;

import java.util.List;

/**
 * A running Kafka cluster that a run produces to and reads from, and whose brokers can be made to fail.
 *
 * <p>Nodes are numbered {@code 1..size()}; a node's number is also its broker {@code node.id}, i.e. what
 * {@code Admin.describeTopics} reports as a partition's leader, and its name is {@code "broker-" + node}.
 * Every method that takes a node throws {@link IllegalArgumentException} for a number outside that range.
 *
 * <p>Faults ({@link #kill}, {@link #stop}, {@link #restart}) may be injected from any thread; they run one at a
 * time. Killing or stopping a node that is not running is an {@link IllegalStateException}.
 */
public interface KafkaCluster extends AutoCloseable {

    /** Every node's client listener, comma-separated, so clients can bootstrap while some nodes are down. */
    String bootstrapServers();

    int size();

    /** {@code broker-1} … {@code broker-N}, in node order. */
    List<String> nodeNames();

    /** Kills the node without warning (SIGKILL): no controlled shutdown, no flush; its data stays. */
    void kill(int node);

    /** Stops the node gracefully (controlled shutdown: its partition leaderships move first); its data stays. */
    void stop(int node);

    /**
     * Starts the node again on its existing data (no reformat), stopping it gracefully first if it is running;
     * returns once the cluster reports it as a live broker again.
     */
    void restart(int node);

    /** Whether the node's broker is running (neither killed, stopped nor closed). */
    boolean isUp(int node);

    /** Stops every node and discards the cluster's data. */
    @Override
    void close();
}

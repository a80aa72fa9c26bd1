package io.streamsim.simulator.broker;

import io.streamsim.simulator.support.Directories;
import io.streamsim.simulator.support.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running in this JVM from Kafka's own
 * server code: a real broker, listening on 127.0.0.1 only, on free ports, with its data in a temporary
 * directory that {@link #close()} removes. Measured here: up in about 3 s the first time in a JVM.
 *
 * <p>As a {@link KafkaCluster} it is one node, {@code broker-1}, that cannot be killed, stopped or restarted:
 * with one replica a broker fault is an outage, not a failover, and an in-process broker cannot be killed
 * for real. Use {@link ChildJvmKafkaCluster} for broker faults.
 */
public final class EmbeddedKafkaBroker implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final KafkaRaftServer server;
    private final int port;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(Path dir, KafkaRaftServer server, int port) {
        this.dir = dir;
        this.server = server;
        this.port = port;
    }

    /**
     * Formats a fresh log directory and starts the broker; returns once it is unfenced and serving.
     * Picking a free port and releasing it races with other processes, so a failed start is retried on
     * new ports.
     *
     * @param overrides broker configs to set on top of the defaults here (e.g. for tests)
     */
    public static EmbeddedKafkaBroker start(Map<String, String> overrides) throws IOException {
        keepBrokerFaultsFromKillingTheJvm();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path dir = Files.createTempDirectory("streamsim-broker-");
            try {
                int[] ports = FreePorts.loopback(2);
                int port = ports[0];
                int controllerPort = ports[1];
                Map<String, String> props = config(dir, port, controllerPort);
                props.putAll(overrides);
                formatStorage(Uuid.randomUuid().toString(), NODE_ID, props);
                KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
                server.startup();
                LOG.info("Embedded Kafka broker up on 127.0.0.1:{} (data in {})", port, dir);
                return new EmbeddedKafkaBroker(dir, server, port);
            } catch (RuntimeException e) {
                last = e;
                LOG.warn("Embedded broker start attempt {} failed: {}", attempt, e.toString());
                Directories.deleteRecursively(dir);
            }
        }
        throw new IllegalStateException("the embedded Kafka broker did not start after " + START_ATTEMPTS + " attempts",
                last);
    }

    public static EmbeddedKafkaBroker start() throws IOException {
        return start(Map.of());
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public List<String> nodeNames() {
        return List.of(KafkaClusterNodes.name(NODE_ID));
    }

    /** @throws UnsupportedOperationException always: broker faults need a replicated cluster */
    @Override
    public void kill(int node) {
        throw faultsUnsupported("kill", node);
    }

    /** @throws UnsupportedOperationException always: broker faults need a replicated cluster */
    @Override
    public void stop(int node) {
        throw faultsUnsupported("stop", node);
    }

    /** @throws UnsupportedOperationException always: broker faults need a replicated cluster */
    @Override
    public void restart(int node) {
        throw faultsUnsupported("restart", node);
    }

    @Override
    public boolean isUp(int node) {
        KafkaClusterNodes.check(node, 1);
        return !closed;
    }

    private static UnsupportedOperationException faultsUnsupported(String fault, int node) {
        KafkaClusterNodes.check(node, 1);
        return new UnsupportedOperationException("cannot " + fault + " " + KafkaClusterNodes.name(node)
                + ": broker faults need a replicated cluster (ChildJvmKafkaCluster, 3 nodes); the embedded broker"
                + " is a single in-process node whose loss would be an outage, not a failover");
    }

    /** Where the broker keeps its data; removed by {@link #close()}. */
    public Path dataDirectory() {
        return dir;
    }

    /** Stops the broker and removes its data. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private static Map<String, String> config(Path dir, int port, int controllerPort) {
        // One node: every internal topic has one replica.
        Map<String, String> p = nodeConfig(NODE_ID, NODE_ID + "@127.0.0.1:" + controllerPort, dir, port,
                controllerPort, 1, 1);
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    /**
     * The settings every KRaft node streamsim starts shares (combined broker and controller on loopback, no
     * topic auto-creation, no initial rebalance delay, 6 partitions for the internal topics and new ones, which
     * keeps startup and coordination fast), with {@code replicas} and {@code minIsr} for the internal topics.
     *
     * @param voters {@code controller.quorum.voters}, e.g. {@code 1@127.0.0.1:9093,2@127.0.0.1:9095}
     */
    static Map<String, String> nodeConfig(int nodeId, String voters, Path dir, int port, int controllerPort,
                                          int replicas, int minIsr) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("metadata.log.dir", dir.resolve("metadata").toString());
        p.put("offsets.topic.replication.factor", String.valueOf(replicas));
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", String.valueOf(replicas));
        p.put("transaction.state.log.min.isr", String.valueOf(minIsr));
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
        p.put("share.coordinator.state.topic.min.isr", String.valueOf(minIsr));
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "6");
        return p;
    }

    /**
     * Formats a node's log and metadata directories (as {@code kafka-storage format} does) with the production
     * features of this Kafka version; shared by every broker streamsim starts.
     */
    static void formatStorage(String clusterId, int nodeId, Map<String, String> props) {
        String data = props.get("log.dirs");
        String metadata = props.get("metadata.log.dir");
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(clusterId)
                    .setNodeId(nodeId)
                    .setDirectories(List.of(data, metadata))
                    .setMetadataLogDirectory(metadata)
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("formatting the storage of node " + nodeId + " in " + data + " failed", e);
        }
    }

    /**
     * Kafka's server answers a fatal fault with {@code Exit.halt(1)}; in a simulator that would lose the run
     * report, and in a test the test JVM. Turn it into an exception in the thread that hit it instead.
     */
    private static void keepBrokerFaultsFromKillingTheJvm() {
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka broker asked to halt (" + status + "): " + message);
        });
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka broker asked to exit (" + status + "): " + message);
        });
    }
}

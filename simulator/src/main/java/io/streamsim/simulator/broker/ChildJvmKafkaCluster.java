package io.streamsim.simulator.broker;

import io.streamsim.simulator.jvm.ChildJvm;
import io.streamsim.simulator.support.Directories;
import io.streamsim.simulator.support.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real multi-node KRaft cluster, one child JVM per node, each running Kafka's own server ({@code kafka.Kafka}
 * via {@link BrokerMain}) in combined broker and controller mode, all nodes voters of a static quorum, listening
 * on 127.0.0.1 only. Killing a node is a real SIGKILL of its JVM.
 *
 * <p>Layout under {@code baseDir}: {@code broker-N/} holds node N's properties and data (formatted fresh by
 * {@link #start}, reused by {@link #restart}, removed by {@link #close}); {@code broker-N.log} is its JVM's
 * output (Kafka's INFO log), appended across restarts and kept after close.
 *
 * <p>Defaults: replication factor min(3, nodes) for new and internal topics, {@code min.insync.replicas} 2 from
 * 3 nodes on (1 below), {@code group.initial.rebalance.delay.ms=0}, and a broker session timeout of
 * {@value #BROKER_SESSION_TIMEOUT_MS} ms: a killed broker is fenced, and its partitions get new leaders, after
 * that long. With Kafka's default of 9 s a killed leader's partitions stalled 7.7–10 s here; with 3 s, 4.6–7.1 s
 * (the longer when 2 cores are saturated). Each node's JVM: {@value #HEAP}, serial GC, so that 3 brokers,
 * producers and app instances share 2 cores and a few GB.
 *
 * <p>The nodes die with this JVM: a shutdown hook kills them on a normal exit or SIGTERM, and each node polls
 * this JVM's pid and halts when it is gone (SIGKILL, crash).
 */
public final class ChildJvmKafkaCluster implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvmKafkaCluster.class);

    static final int BROKER_SESSION_TIMEOUT_MS = 3000;
    private static final int BROKER_HEARTBEAT_INTERVAL_MS = 500;
    private static final String HEAP = "-Xmx512m";
    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", HEAP, "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
    private static final int START_ATTEMPTS = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final String PROBE_TOPIC = "streamsim-cluster-probe";
    /** What {@code kafka.Kafka} logs once the broker is unfenced and serves requests (Kafka's system tests wait for it too). */
    private static final String STARTED_MESSAGE = "Kafka Server started";
    private static final int LOG_TAIL_LINES = 30;

    private final Path baseDir;
    private final List<BrokerNode> nodes;
    private final String bootstrapServers;
    private final String classpath;
    private final Path loggingConfig;
    private final Admin admin;
    private final Thread killOnExit;
    private boolean closed;

    private ChildJvmKafkaCluster(Path baseDir, List<BrokerNode> nodes, String classpath, Path loggingConfig) {
        this.baseDir = baseDir;
        this.nodes = List.copyOf(nodes);
        this.bootstrapServers = nodes.stream().map(n -> "127.0.0.1:" + n.port).collect(Collectors.joining(","));
        this.classpath = classpath;
        this.loggingConfig = loggingConfig;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        this.killOnExit = new Thread(() -> this.nodes.forEach(BrokerNode::destroyForcibly), "streamsim-cluster-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Formats fresh storage for {@code nodes} nodes under {@code baseDir} (replacing any {@code broker-N/} there),
     * starts them, and returns once every node is a live broker and a topic replicated on min(3, nodes) of them
     * takes an {@code acks=all} write. Ports are picked free and a start that loses a bind race is retried on
     * new ports. Measured here: 3 nodes in 10–20 s.
     *
     * @param overrides broker configs set on every node on top of the defaults here
     */
    public static ChildJvmKafkaCluster start(int nodes, Path baseDir, Map<String, String> overrides) throws IOException {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + nodes);
        }
        Files.createDirectories(baseDir);
        String classpath = ChildJvm.classpath();
        Path loggingConfig = writeLoggingConfig(baseDir);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            List<BrokerNode> brokerNodes = prepareNodes(nodes, baseDir, overrides);
            ChildJvmKafkaCluster cluster = new ChildJvmKafkaCluster(baseDir, brokerNodes, classpath, loggingConfig);
            try {
                cluster.startAll();
                return cluster;
            } catch (NodeFailedException e) {
                last = e;
                cluster.close();
                if (!e.lostBindRace) {
                    break;
                }
                LOG.warn("Cluster start attempt {} lost a port race, retrying on new ports: {}", attempt, e.getMessage());
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
        throw new IllegalStateException("the " + nodes + "-node Kafka cluster in " + baseDir + " did not start", last);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public int size() {
        return nodes.size();
    }

    @Override
    public List<String> nodeNames() {
        return nodes.stream().map(n -> n.name).toList();
    }

    /** Node {@code node}'s JVM output: Kafka's log at INFO, appended across restarts, kept by {@link #close}. */
    public Path logFile(int node) {
        return node(node).logFile;
    }

    /** @throws IllegalStateException if the node is not running */
    @Override
    public synchronized void kill(int node) {
        BrokerNode n = runningNode(node, "kill");
        n.destroyForcibly();
        if (!n.awaitExit(KILL_TIMEOUT)) {
            throw new IllegalStateException(n.name + " did not die within " + KILL_TIMEOUT.toSeconds() + "s of SIGKILL");
        }
        LOG.info("Killed {} (SIGKILL)", n.name);
    }

    /**
     * Sends SIGTERM, on which Kafka shuts down in a controlled way, and waits for the JVM to end; after
     * a minute it is killed instead, with a warning.
     *
     * @throws IllegalStateException if the node is not running
     */
    @Override
    public synchronized void stop(int node) {
        stopGracefully(runningNode(node, "stop"));
    }

    /** @throws IllegalStateException if the node does not come back within a minute */
    @Override
    public synchronized void restart(int node) {
        BrokerNode n = node(node);
        requireOpen();
        if (n.isAlive()) {
            stopGracefully(n);
        }
        launch(n);
        long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        try {
            // Checking the log first matters right after a kill: until the controller fences the dead incarnation,
            // the cluster still lists this node as live.
            while (!n.loggedStarted() || !liveBrokerIds().contains(n.id)) {
                failIfDead(n);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(n.name + " did not rejoin the cluster within "
                            + RESTART_TIMEOUT.toSeconds() + "s; its log ends with:\n" + n.logTail());
                }
                sleep(POLL_INTERVAL);
            }
        } catch (NodeFailedException e) {
            throw new IllegalStateException("restarting " + n.name + " failed", e);
        }
        LOG.info("Restarted {}", n.name);
    }

    @Override
    public boolean isUp(int node) {
        return node(node).isAlive();
    }

    /** Kills every node (the data is discarded, so there is nothing to shut down gracefully for) and removes its data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(1));
        nodes.forEach(BrokerNode::destroyForcibly);
        nodes.forEach(n -> n.awaitExit(KILL_TIMEOUT));
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
        nodes.forEach(n -> Directories.deleteRecursively(n.dir));
    }

    private void startAll() {
        nodes.forEach(this::launch);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Set<Integer> expected = nodes.stream().map(n -> n.id).collect(Collectors.toSet());
        while (!nodes.stream().allMatch(BrokerNode::loggedStarted) || !liveBrokerIds().containsAll(expected)) {
            nodes.forEach(this::failIfDead);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every broker was up within " + START_TIMEOUT.toSeconds()
                        + "s; live: " + liveBrokerIds() + "; logs in " + baseDir);
            }
            sleep(POLL_INTERVAL);
        }
        probeReplicatedWrite(deadline);
    }

    /** A fresh topic on min(3, nodes) replicas takes an acks=all write: the cluster can serve a run. */
    private void probeReplicatedWrite(long deadlineNanos) {
        short replicas = (short) replicationFactor(nodes.size());
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 0);
        try {
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(PROBE_TOPIC, 1, replicas))).all().get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    nodes.forEach(this::failIfDead);
                    if (System.nanoTime() > deadlineNanos) {
                        throw new IllegalStateException("could not create the probe topic on " + replicas + " replicas", e);
                    }
                    sleep(POLL_INTERVAL);
                }
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
            admin.deleteTopics(List.of(PROBE_TOPIC)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cluster did not take an acks=all write on " + replicas + " replicas", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the cluster", e);
        }
    }

    private Set<Integer> liveBrokerIds() {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                    .get(3, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }

    private void launch(BrokerNode n) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java().toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + loggingConfig);
        command.add("-cp");
        command.add(classpath);
        command.add(BrokerMain.class.getName());
        command.add(String.valueOf(ProcessHandle.current().pid()));
        command.add(n.propertiesFile.toString());
        try {
            n.logOffsetAtLaunch = Files.exists(n.logFile) ? Files.size(n.logFile) : 0;
            n.startedLogged = false;
            Files.writeString(n.logFile, "=== streamsim: starting " + n.name + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            n.process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(n.logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the JVM of " + n.name, e);
        }
    }

    private void stopGracefully(BrokerNode n) {
        long started = System.nanoTime();
        n.process.destroy();
        if (!n.awaitExit(GRACEFUL_STOP_TIMEOUT)) {
            LOG.warn("{} did not stop within {}s of SIGTERM; killing it", n.name, GRACEFUL_STOP_TIMEOUT.toSeconds());
            n.destroyForcibly();
            n.awaitExit(KILL_TIMEOUT);
        }
        LOG.info("Stopped {} in {} ms", n.name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void failIfDead(BrokerNode n) {
        if (!n.isAlive()) {
            String tail = n.logTail();
            boolean bindRace = tail.contains("Address already in use") || tail.contains("BindException");
            throw new NodeFailedException(n.name + " exited with status " + n.process.exitValue()
                    + "; its log (" + n.logFile + ") ends with:\n" + tail, bindRace);
        }
    }

    private BrokerNode runningNode(int node, String fault) {
        BrokerNode n = node(node);
        requireOpen();
        if (!n.isAlive()) {
            throw new IllegalStateException("cannot " + fault + " " + n.name + ": it is not running");
        }
        return n;
    }

    private BrokerNode node(int node) {
        KafkaClusterNodes.check(node, nodes.size());
        return nodes.get(node - 1);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
    }

    private static List<BrokerNode> prepareNodes(int count, Path baseDir, Map<String, String> overrides)
            throws IOException {
        int[] ports = FreePorts.loopback(2 * count);
        String voters = IntStream.rangeClosed(1, count)
                .mapToObj(id -> id + "@127.0.0.1:" + ports[count + id - 1])
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<BrokerNode> result = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            String name = KafkaClusterNodes.name(id);
            Path dir = baseDir.resolve(name);
            Directories.deleteRecursively(dir);
            Files.createDirectories(dir);
            Map<String, String> props = config(id, count, dir, ports[id - 1], ports[count + id - 1], voters);
            props.putAll(overrides);
            Path propertiesFile = dir.resolve("server.properties");
            writeProperties(propertiesFile, props);
            EmbeddedKafkaBroker.formatStorage(clusterId, id, props);
            result.add(new BrokerNode(id, name, ports[id - 1], dir, propertiesFile, baseDir.resolve(name + ".log")));
        }
        return result;
    }

    static int replicationFactor(int nodes) {
        return Math.min(3, nodes);
    }

    static int minInSyncReplicas(int nodes) {
        return nodes >= 3 ? 2 : 1;
    }

    static Map<String, String> config(int id, int nodes, Path dir, int port, int controllerPort, String voters) {
        int replicas = replicationFactor(nodes);
        int minIsr = minInSyncReplicas(nodes);
        Map<String, String> p = EmbeddedKafkaBroker.nodeConfig(id, voters, dir, port, controllerPort, replicas, minIsr);
        p.put("default.replication.factor", String.valueOf(replicas));
        p.put("min.insync.replicas", String.valueOf(minIsr));
        // A dead broker is fenced, and its partitions get new leaders, after the session timeout: keep it short.
        p.put("broker.session.timeout.ms", String.valueOf(BROKER_SESSION_TIMEOUT_MS));
        p.put("broker.heartbeat.interval.ms", String.valueOf(BROKER_HEARTBEAT_INTERVAL_MS));
        // The cleaner allocates its dedupe buffer on the heap up front; 128 MiB by default, a quarter of ours.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024));
        return p;
    }

    private static void writeProperties(Path file, Map<String, String> props) throws IOException {
        Properties properties = new Properties();
        properties.putAll(props);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "streamsim ChildJvmKafkaCluster node");
        }
    }


    /** Console to stdout, which the parent sends to broker-N.log; Kafka's INFO log, minus per-request chatter. */
    private static Path writeLoggingConfig(Path baseDir) throws IOException {
        Path file = baseDir.resolve("broker-log4j2.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="stdout" target="SYSTEM_OUT">
                      <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="kafka.request.logger" level="WARN"/>
                    <Logger name="state.change.logger" level="WARN"/>
                    <Logger name="org.apache.kafka.clients" level="WARN"/>
                    <Root level="INFO">
                      <AppenderRef ref="stdout"/>
                    </Root>
                  </Loggers>
                </Configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }

    private static final class BrokerNode {
        final int id;
        final String name;
        final int port;
        final Path dir;
        final Path propertiesFile;
        final Path logFile;
        volatile Process process;
        volatile long logOffsetAtLaunch;
        volatile boolean startedLogged;

        BrokerNode(int id, String name, int port, Path dir, Path propertiesFile, Path logFile) {
            this.id = id;
            this.name = name;
            this.port = port;
            this.dir = dir;
            this.propertiesFile = propertiesFile;
            this.logFile = logFile;
        }

        boolean isAlive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        void destroyForcibly() {
            Process p = process;
            if (p != null) {
                p.destroyForcibly();
            }
        }

        boolean awaitExit(Duration timeout) {
            Process p = process;
            if (p == null) {
                return true;
            }
            try {
                return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Whether the current incarnation has logged {@link #STARTED_MESSAGE}. */
        boolean loggedStarted() {
            if (startedLogged) {
                return true;
            }
            try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
                long length = file.length() - logOffsetAtLaunch;
                if (length <= 0) {
                    return false;
                }
                byte[] bytes = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
                file.seek(logOffsetAtLaunch);
                file.readFully(bytes);
                startedLogged = new String(bytes, StandardCharsets.UTF_8).contains(STARTED_MESSAGE);
                return startedLogged;
            } catch (IOException e) {
                return false;
            }
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(log unreadable: " + e + ")";
            }
        }
    }

    /** A node's JVM ended while the cluster waited for it. */
    private static final class NodeFailedException extends RuntimeException {
        final boolean lostBindRace;

        NodeFailedException(String message, boolean lostBindRace) {
            super(message);
            this.lostBindRace = lostBindRace;
        }
    }
}

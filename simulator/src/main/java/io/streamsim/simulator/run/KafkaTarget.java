package io.streamsim.simulator.run;

import io.streamsim.simulator.broker.ChildJvmKafkaCluster;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import io.streamsim.simulator.broker.KafkaCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The Kafka cluster a run uses: one the run starts (an embedded single broker, or a 3-broker cluster of child
 * JVMs whose brokers faults can kill), or an existing cluster reached with {@code bootstrap.servers} plus client
 * settings (SASL/SSL) from a properties file.
 */
public final class KafkaTarget implements AutoCloseable {

    private final KafkaCluster cluster;
    private final Map<String, Object> clientConfig;
    private final Admin admin;
    private final boolean sweepShared;

    private KafkaTarget(KafkaCluster cluster, Map<String, Object> clientConfig) {
        this(cluster, clientConfig, false);
    }

    private KafkaTarget(KafkaCluster cluster, Map<String, Object> clientConfig, boolean sweepShared) {
        this.cluster = cluster;
        this.clientConfig = Map.copyOf(clientConfig);
        this.admin = Admin.create(this.clientConfig);
        this.sweepShared = sweepShared;
    }

    /**
     * The embedded broker a sweep started for all its runs, reached by address like a given cluster (the run does
     * not own it and cannot fault it), but reported as what it is: {@code sweep-shared-embedded}, 1 broker.
     */
    public KafkaTarget asSweepSharedEmbedded() {
        admin.close(Duration.ZERO);
        return new KafkaTarget(null, clientConfig, true);
    }

    /** Starts an embedded single-node broker that lives as long as this target. */
    public static KafkaTarget embedded() throws IOException {
        return of(EmbeddedKafkaBroker.start());
    }

    /** Starts a cluster of {@code brokers} child-JVM brokers, their logs and data under {@code dir}. */
    public static KafkaTarget childJvmCluster(int brokers, Path dir) throws IOException {
        return of(ChildJvmKafkaCluster.start(brokers, dir, Map.of()));
    }

    private static KafkaTarget of(KafkaCluster cluster) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return new KafkaTarget(cluster, config);
    }

    /**
     * An existing cluster; checks within {@code timeout} that it answers.
     *
     * @throws BrokerUnreachableException when it does not
     */
    public static KafkaTarget external(String bootstrapServers, Map<String, Object> clientProperties, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int timeoutMs = (int) timeout.toMillis();
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
        KafkaTarget target = new KafkaTarget(null, config);
        try {
            target.admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return target;
        } catch (ExecutionException | TimeoutException e) {
            target.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BrokerUnreachableException("no Kafka broker answered at " + bootstrapServers + " within "
                    + timeout.toSeconds() + "s (" + cause.getClass().getSimpleName() + ")", cause);
        } catch (InterruptedException e) {
            target.close();
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted while reaching " + bootstrapServers, e);
        }
    }

    /** "embedded", "child-jvm-cluster", "sweep-shared-embedded" or "external". */
    public String mode() {
        if (cluster == null) {
            return sweepShared ? "sweep-shared-embedded" : "external";
        }
        return cluster instanceof EmbeddedKafkaBroker ? "embedded" : "child-jvm-cluster";
    }

    /** Brokers this run started (0 for an external cluster; 1 for the broker a sweep shares among its runs). */
    public int brokers() {
        if (sweepShared) {
            return 1;
        }
        return cluster == null ? 0 : cluster.size();
    }

    /** The cluster this run started, for broker faults. */
    public KafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("broker faults need a cluster the run starts, not --bootstrap-servers");
        }
        return cluster;
    }

    public String bootstrapServers() {
        return (String) clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** bootstrap.servers plus any security settings: the base of every client's config. */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        if (cluster != null) {
            cluster.close();
        }
    }
}

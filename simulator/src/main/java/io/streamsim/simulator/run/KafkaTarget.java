package io.streamsim.simulator.run;

import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import java.io.IOException;
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
 * The Kafka cluster a run uses: an embedded broker started for the run, or an existing cluster reached
 * with {@code bootstrap.servers} plus client settings (SASL/SSL) from a properties file.
 */
public final class KafkaTarget implements AutoCloseable {

    private final EmbeddedKafkaBroker embedded;
    private final Map<String, Object> clientConfig;
    private final Admin admin;

    private KafkaTarget(EmbeddedKafkaBroker embedded, Map<String, Object> clientConfig) {
        this.embedded = embedded;
        this.clientConfig = Map.copyOf(clientConfig);
        this.admin = Admin.create(this.clientConfig);
    }

    /** Starts an embedded single-node broker that lives as long as this target. */
    public static KafkaTarget embedded() throws IOException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaTarget(broker, config);
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

    public boolean isEmbedded() {
        return embedded != null;
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
        if (embedded != null) {
            embedded.close();
        }
    }
}

package io.streamsim.streams;

import io.streamsim.model.scenario.Checks;
import io.streamsim.model.scenario.TopologySpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * One app instance's settings. Instances that share {@code applicationId} share the work: Kafka Streams
 * spreads the input partitions over all their threads.
 *
 * @param instanceId        names this instance in {@code client.id} and in the {@code instance} meter tag
 * @param clientConfig      extra client properties (security, timeouts), applied last so they win
 * @param replicationFactor of the internal changelog topics
 * @param stateDir          Kafka Streams' {@code state.dir}; give each instance in one host its own
 * @param deadLetterTopic   where undecodable input records go (KIP-1034), with headers naming the error and the
 *                          source topic, partition and offset; null for none, and then such records are skipped
 *                          and counted as {@code streamsim.streams.records.dropped{reason=undecodable}}. The topic
 *                          is not created here: create it with the others (or rely on broker auto-creation)
 * @throws io.streamsim.model.scenario.SpecException naming every invalid field
 */
public record StreamsAppConfig(
        String applicationId,
        String instanceId,
        String bootstrapServers,
        Map<String, Object> clientConfig,
        TopologySpec topology,
        String inputTopic,
        String outputTopic,
        int threads,
        short replicationFactor,
        Path stateDir,
        String deadLetterTopic) {

    /** Without a dead-letter topic: undecodable records are skipped and counted. */
    public StreamsAppConfig(String applicationId, String instanceId, String bootstrapServers,
                            Map<String, Object> clientConfig, TopologySpec topology, String inputTopic,
                            String outputTopic, int threads, short replicationFactor, Path stateDir) {
        this(applicationId, instanceId, bootstrapServers, clientConfig, topology, inputTopic, outputTopic, threads,
                replicationFactor, stateDir, null);
    }

    public StreamsAppConfig {
        Checks.at("")
                .that(notBlank(applicationId), "applicationId", "is required")
                .that(notBlank(instanceId), "instanceId", "is required")
                .that(notBlank(bootstrapServers), "bootstrapServers", "is required")
                .notNull("clientConfig", clientConfig)
                .notNull("topology", topology)
                .that(notBlank(inputTopic), "inputTopic", "is required")
                .that(notBlank(outputTopic), "outputTopic", "is required")
                .that(inputTopic == null || !inputTopic.equals(outputTopic), "outputTopic",
                        "must differ from inputTopic (" + inputTopic + ")")
                .range("threads", threads, 1, 64)
                .range("replicationFactor", replicationFactor, 1, 32)
                .notNull("stateDir", stateDir)
                .that(deadLetterTopic == null || notBlank(deadLetterTopic), "deadLetterTopic",
                        "must not be blank (null for none)")
                .that(deadLetterTopic == null || !deadLetterTopic.equals(inputTopic), "deadLetterTopic",
                        "must differ from inputTopic (" + inputTopic + ")")
                .that(deadLetterTopic == null || !deadLetterTopic.equals(outputTopic), "deadLetterTopic",
                        "must differ from outputTopic (" + outputTopic + ")")
                .done();
        clientConfig = Map.copyOf(clientConfig);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}

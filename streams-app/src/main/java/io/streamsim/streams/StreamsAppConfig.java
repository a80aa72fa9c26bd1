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
        Path stateDir) {

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
                .done();
        clientConfig = Map.copyOf(clientConfig);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}

package io.streamsim.simulator.instances;

import io.streamsim.simulator.jvm.ChildJvm;
import io.streamsim.streams.http.ControlToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a child app instance of one run needs, the same for all its instances.
 *
 * @param java                 the {@code java} executable
 * @param jvmOptions           e.g. {@code -Xmx512m}
 * @param classpath            see {@link ChildJvm#classpath()}
 * @param clientPropertiesFile client properties for every Kafka client (SASL/SSL, timeouts); null for none
 * @param scenarioFile         the scenario YAML; the child takes its topology, threads and replication from it
 * @param deadLetterTopic      where undecodable input goes; null for none (then skipped and counted)
 * @param stateBaseDir         each instance gets {@code <stateBaseDir>/<name>} as its Kafka Streams state dir,
 *                             kept over a restart
 * @param logDir               each instance writes {@code <logDir>/<name>.log}, appended over restarts
 * @param controlToken         what every {@code /control/} request to an instance must carry: one per run, handed
 *                             to each child in its environment ({@value #CONTROL_TOKEN_ENV}), not on its command
 *                             line, where any local user could read it
 */
public record AppLaunch(
        Path java,
        List<String> jvmOptions,
        String classpath,
        String bootstrapServers,
        Path clientPropertiesFile,
        Path scenarioFile,
        String applicationId,
        String inputTopic,
        String outputTopic,
        String deadLetterTopic,
        Path stateBaseDir,
        Path logDir,
        ControlToken controlToken) {

    /** 512 MiB heap, serial GC: several instances and a broker share a small machine. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    static final String MAIN_CLASS = "io.streamsim.streams.StreamsAppMain";
    /** The child's environment variable that holds {@link #controlToken()}. */
    static final String CONTROL_TOKEN_ENV = "STREAMSIM_CONTROL_TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    public AppLaunch {
        Objects.requireNonNull(java, "java");
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(scenarioFile, "scenarioFile");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(outputTopic, "outputTopic");
        Objects.requireNonNull(stateBaseDir, "stateBaseDir");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(controlToken, "controlToken");
    }

    /** With a fresh random {@link #controlToken()}. */
    public AppLaunch(Path java, List<String> jvmOptions, String classpath, String bootstrapServers,
                     Path clientPropertiesFile, Path scenarioFile, String applicationId, String inputTopic,
                     String outputTopic, String deadLetterTopic, Path stateBaseDir, Path logDir) {
        this(java, jvmOptions, classpath, bootstrapServers, clientPropertiesFile, scenarioFile, applicationId,
                inputTopic, outputTopic, deadLetterTopic, stateBaseDir, logDir, ControlToken.random(RANDOM));
    }

    /**
     * With this JVM's {@code java}, {@link #DEFAULT_JVM_OPTIONS}, {@link ChildJvm#classpath()} and a fresh random
     * {@link #controlToken()}.
     */
    public static AppLaunch of(String bootstrapServers, Path clientPropertiesFile, Path scenarioFile,
                               String applicationId, String inputTopic, String outputTopic, String deadLetterTopic,
                               Path stateBaseDir, Path logDir) {
        return new AppLaunch(ChildJvm.java(), DEFAULT_JVM_OPTIONS, ChildJvm.classpath(), bootstrapServers,
                clientPropertiesFile, scenarioFile, applicationId, inputTopic, outputTopic, deadLetterTopic,
                stateBaseDir, logDir);
    }

    public Path stateDir(String instance) {
        return stateBaseDir.resolve(instance);
    }

    public Path logFile(String instance) {
        return logDir.resolve(instance + ".log");
    }

    /** The child's command line. */
    List<String> command(String instance, long parentPid) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        cmd.addAll(arguments(instance, parentPid));
        return cmd;
    }

    /**
     * The app's own options for {@code instance}: a child's command line ends with them, and an instance in this
     * JVM is configured from the same list ({@code StreamsAppMain.configFor}), so the two cannot drift apart.
     */
    List<String> arguments(String instance, long parentPid) {
        List<String> cmd = new ArrayList<>();
        cmd.addAll(List.of("--bootstrap-servers", bootstrapServers,
                "--scenario", scenarioFile.toAbsolutePath().toString(),
                "--application-id", applicationId,
                "--input-topic", inputTopic,
                "--output-topic", outputTopic));
        if (deadLetterTopic != null) {
            cmd.addAll(List.of("--dead-letter-topic", deadLetterTopic));
        }
        cmd.addAll(List.of("--instance-id", instance,
                "--metrics-port", "0",
                "--state-dir", stateDir(instance).toAbsolutePath().toString(),
                "--parent-pid", Long.toString(parentPid),
                "--control-token-env", CONTROL_TOKEN_ENV));
        if (clientPropertiesFile != null) {
            cmd.addAll(List.of("--command-config", clientPropertiesFile.toAbsolutePath().toString()));
        }
        return cmd;
    }

    /** What the child's environment gets on top of ours. */
    Map<String, String> environment() {
        return Map.of(CONTROL_TOKEN_ENV, controlToken.value());
    }
}

package io.streamsim.simulator.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which Kafka a command's runs use and how long they may wait on it: shared by the commands that run scenarios. */
final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
            description = "Run against this Kafka cluster instead of starting an embedded broker.")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties for every Kafka client (e.g. SASL/SSL settings).")
    Path commandConfig;

    @Option(names = "--app-jvms",
            description = "Run the app instances as child JVMs even when no fault kills one, so that the live page "
                    + "can kill one with SIGKILL. Default: in the simulator's JVM (cheaper), or child JVMs when a "
                    + "fault of the scenario kills an instance.")
    boolean appJvms;

    @Option(names = "--connect-timeout", defaultValue = "15s",
            description = "How long --bootstrap-servers may take to answer (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--drain-timeout", defaultValue = "60s",
            description = "How long the pipeline may take to catch up after the last event (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;
}

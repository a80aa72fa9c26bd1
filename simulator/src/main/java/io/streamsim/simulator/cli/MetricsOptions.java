package io.streamsim.simulator.cli;

import picocli.CommandLine.Option;

/** Where a command serves its Prometheus {@code /metrics}: shared by the commands that run producers. */
final class MetricsOptions {

    @Option(names = "--metrics-port", defaultValue = "9464",
            description = "Prometheus /metrics port; 0 picks a free one, -1 serves none (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
            description = "Interface for /metrics (default: ${DEFAULT-VALUE}). On another address (0.0.0.0 for a "
                    + "scraper in a container) /metrics answers any caller; /targets stays loopback-only.")
    String host;
}

package io.streamsim.simulator.run;

import io.streamsim.streams.http.LoopbackGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a scenario, as the CLI was told.
 *
 * @param bootstrapServers  an existing cluster, or null to start an embedded broker
 * @param clientProperties  extra client settings for every Kafka client (e.g. SASL/SSL), from --command-config
 * @param metricsPort       port of the Prometheus endpoint on {@code metricsHost}; 0 picks a free one, -1 serves none
 * @param connectTimeout    how long an existing cluster may take to answer before the run gives up
 * @param drainTimeout      how long, after the last event, the pipeline may take to process everything
 * @param uiPort            port of the live web page on {@code uiHost}; 0 picks a free one, -1 serves none
 * @param uiHost            where the live page listens: one of {@link LoopbackGuard#LOOPBACK_NAMES}, whatever
 *                          {@code metricsHost} is, since its controls have no authentication
 * @param appJvms           app instances as child JVMs even when no fault kills one (then a kill from the live
 *                          page is a real SIGKILL too); otherwise they run in the simulator's JVM unless a scenario
 *                          fault kills one
 * @param sweepSharedBroker {@code bootstrapServers} is the embedded broker a sweep started for all its runs: the
 *                          run reports it as such (mode sweep-shared-embedded, 1 broker), not as an external cluster
 */
public record RunOptions(
        String bootstrapServers,
        Map<String, Object> clientProperties,
        Path runsDir,
        String metricsHost,
        int metricsPort,
        Duration connectTimeout,
        Duration drainTimeout,
        int uiPort,
        String uiHost,
        boolean appJvms,
        boolean sweepSharedBroker) {

    /** Where the live page listens unless told otherwise. */
    public static final String DEFAULT_UI_HOST = "127.0.0.1";

    public RunOptions {
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(runsDir, "runsDir");
        Objects.requireNonNull(metricsHost, "metricsHost");
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort must be -1 (off), 0 (any) or a port, was " + metricsPort);
        }
        if (uiPort < -1 || uiPort > 65535) {
            throw new IllegalArgumentException("uiPort must be -1 (off), 0 (any) or a port, was " + uiPort);
        }
        if (!LoopbackGuard.isLoopbackName(uiHost)) {
            throw new IllegalArgumentException("uiHost must be one of " + String.join(", ",
                    LoopbackGuard.LOOPBACK_NAMES) + " (the live page's controls have no authentication), was "
                    + uiHost);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be > 0");
        }
        if (drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalArgumentException("drainTimeout must be > 0");
        }
    }

    /** Not on a sweep's shared broker. */
    public RunOptions(String bootstrapServers, Map<String, Object> clientProperties, Path runsDir, String metricsHost,
                      int metricsPort, Duration connectTimeout, Duration drainTimeout, int uiPort, String uiHost,
                      boolean appJvms) {
        this(bootstrapServers, clientProperties, runsDir, metricsHost, metricsPort, connectTimeout, drainTimeout,
                uiPort, uiHost, appJvms, false);
    }

    /** With the live page, if any, on {@value #DEFAULT_UI_HOST}. */
    public RunOptions(String bootstrapServers, Map<String, Object> clientProperties, Path runsDir, String metricsHost,
                      int metricsPort, Duration connectTimeout, Duration drainTimeout, int uiPort) {
        this(bootstrapServers, clientProperties, runsDir, metricsHost, metricsPort, connectTimeout, drainTimeout,
                uiPort, DEFAULT_UI_HOST, false);
    }

    /** Without the live web page. */
    public RunOptions(String bootstrapServers, Map<String, Object> clientProperties, Path runsDir, String metricsHost,
                      int metricsPort, Duration connectTimeout, Duration drainTimeout) {
        this(bootstrapServers, clientProperties, runsDir, metricsHost, metricsPort, connectTimeout, drainTimeout, -1);
    }
}

package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * Streams app instances (one application id) and stream threads in each.
 *
 * @param sessionTimeout the consumers' {@code session.timeout.ms}: how long a crashed instance's partitions
 *                       wait before the group gives them to another instance; null keeps Kafka's default (45s)
 * @param autoscale      a lag rule that adds instances, or null for none
 */
public record AppSpec(int instances, int threadsPerInstance, Duration sessionTimeout, AutoscaleSpec autoscale) {

    /**
     * What a file that leaves {@code app:} out, or one of its keys, gets: one instance with one stream thread,
     * Kafka's session timeout, no lag rule.
     */
    public static final AppSpec DEFAULT = new AppSpec(1, 1);

    public AppSpec {
        Checks checks = Checks.at("").range("instances", instances, 1, 32).range("threadsPerInstance", threadsPerInstance, 1, 32);
        if (sessionTimeout != null) {
            checks.that(sessionTimeout.toMillis() >= 1000 && sessionTimeout.toMillis() <= 300_000, "sessionTimeout",
                    "must be between 1s and 5m, was " + Durations.format(sessionTimeout));
        }
        if (autoscale != null) {
            checks.that(autoscale.maxInstances() > instances, "autoscale.maxInstances",
                    "must be more than app.instances (" + instances + "), was " + autoscale.maxInstances());
        }
        checks.done();
    }

    /** Instances and threads, with Kafka's default session timeout. */
    public AppSpec(int instances, int threadsPerInstance) {
        this(instances, threadsPerInstance, null, null);
    }

    /** Without a lag rule. */
    public AppSpec(int instances, int threadsPerInstance, Duration sessionTimeout) {
        this(instances, threadsPerInstance, sessionTimeout, null);
    }
}

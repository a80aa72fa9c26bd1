package io.streamsim.streams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Creates the Prometheus registries behind every {@code /metrics} endpoint, the simulator's included, so that
 * Kafka's own metrics leave in Prometheus' names and base units ({@link KafkaMeterNames}): a time Kafka reports
 * in nanoseconds or milliseconds is exported in seconds, its value scaled, so that a query never mixes units.
 */
public final class PrometheusRegistries {

    private PrometheusRegistries() {
    }

    /** A registry with {@link KafkaMeterNames} as its first filter; add common tags and other filters after it. */
    public static PrometheusMeterRegistry create() {
        return new KafkaUnitsRegistry(PrometheusConfig.DEFAULT, new KafkaMeterNames());
    }

    /**
     * Multiplies the value of each gauge and function counter by the scale {@link KafkaMeterNames} gave its name.
     * Those are the only meters Micrometer's Kafka binders register. A meter keeps the id it was registered
     * under, so that {@code remove(meter)}, which the binders call when Kafka drops a metric, still finds it.
     */
    private static final class KafkaUnitsRegistry extends PrometheusMeterRegistry {

        private final KafkaMeterNames kafkaNames;

        KafkaUnitsRegistry(PrometheusConfig config, KafkaMeterNames kafkaNames) {
            super(config);
            this.kafkaNames = kafkaNames;
            config().meterFilter(kafkaNames);
        }

        @Override
        protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
            return super.newGauge(id, obj, scaled(id, valueFunction));
        }

        @Override
        protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
            return super.newFunctionCounter(id, obj, scaled(id, countFunction));
        }

        /** NaN, which Kafka reports for an average or maximum before any data, stays NaN. */
        private <T> ToDoubleFunction<T> scaled(Meter.Id id, ToDoubleFunction<T> f) {
            double scale = kafkaNames.scaleOf(id);
            return scale == 1.0 ? f : obj -> f.applyAsDouble(obj) * scale;
        }
    }
}

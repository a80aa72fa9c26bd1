package io.streamsim.streams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Creates the Prometheus registries behind every {@code /metrics} endpoint, the simulator's included, so that
 * Kafka's own metrics leave in names promtool accepts ({@link KafkaMeterNames}): a metric whose name carries its
 * time unit ({@code -ns-}, {@code -ms}) is exported in seconds, its value scaled. Kafka's latencies without a
 * unit in their name ({@code request-latency-avg} and the like) stay in milliseconds, as Kafka documents them.
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
     * Those are the only meters Micrometer's Kafka binders register.
     *
     * <p>When Kafka drops a metric (a task or thread going away in a rebalance, a connection closed), the binders
     * remove its meter by the id it had before any filter: the Kafka name, Kafka's tags, no common tags. That id
     * finds nothing once the name was changed or common tags were added, and the meter would stay in every
     * scrape as NaN; {@link #remove(Meter.Id)} finds the meter it became.
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

        @Override
        public Meter remove(Meter.Id id) {
            Meter removed = super.remove(id);
            if (removed != null || !id.getName().startsWith(KafkaMeterNames.PREFIX)) {
                return removed;
            }
            String name = kafkaNames.exportedName(id.getName());
            Meter only = null;
            for (Meter m : getMeters()) {
                if (m.getId().getName().equals(name) && m.getId().getTags().containsAll(id.getTags())) {
                    if (only != null) {
                        return null;
                    }
                    only = m;
                }
            }
            return only == null ? null : super.remove(only.getId());
        }

        /** NaN, which Kafka reports for an average or maximum before any data, stays NaN. */
        private <T> ToDoubleFunction<T> scaled(Meter.Id id, ToDoubleFunction<T> f) {
            double scale = kafkaNames.scaleOf(id);
            return scale == 1.0 ? f : obj -> f.applyAsDouble(obj) * scale;
        }
    }
}

package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PrometheusRegistriesTest {

    private final PrometheusMeterRegistry registry = PrometheusRegistries.create();

    @Test
    void nanosecondGauge_scrapesInSeconds() {
        AtomicReference<Double> nanos = new AtomicReference<>(2.5e9);
        Gauge gauge = Gauge.builder("kafka.producer.io.time.ns.avg", nanos, AtomicReference::get)
                .tag("client.id", "p1").register(registry);

        assertThat(registry.scrape()).contains("kafka_producer_io_time_avg_seconds{client_id=\"p1\"} 2.5\n");
        assertThat(gauge.value()).isEqualTo(2.5);
        nanos.set(5e8);
        assertThat(registry.scrape()).contains("kafka_producer_io_time_avg_seconds{client_id=\"p1\"} 0.5\n");
    }

    @Test
    void nanosecondFunctionCounter_scrapesInSeconds() {
        FunctionCounter.builder("kafka.producer.io.time.ns.total", new double[] {3e9}, a -> a[0])
                .tag("client.id", "p1").register(registry);

        assertThat(registry.scrape()).contains("kafka_producer_io_time_seconds_total{client_id=\"p1\"} 3.0\n");
    }

    @Test
    void kafkaNaN_staysNaN() {
        Gauge.builder("kafka.producer.io.wait.time.ns.avg", () -> Double.NaN).register(registry);

        assertThat(registry.scrape()).contains("kafka_producer_io_wait_time_avg_seconds NaN\n");
    }

    @Test
    void commonTagsAddedAfterwards_stillGetScaledValues() {
        registry.config().commonTags("scenario", "s1");
        Gauge.builder("kafka.app.info.start.time.ms", () -> 1_700_000_000_000.0).register(registry);

        assertThat(registry.scrape()).contains("kafka_app_info_start_time_seconds{scenario=\"s1\"} 1.7E9\n");
    }

    @Test
    void unscaledMeters_keepTheirValues() {
        Gauge.builder("kafka.producer.connection.count", () -> 3.0).register(registry);
        Gauge.builder("streamsim.streams.poll.ms", () -> 7.0).register(registry);

        assertThat(registry.scrape())
                .contains("kafka_producer_connections 3.0\n")
                .contains("streamsim_streams_poll_ms 7.0\n");
    }

    @Test
    void removingARenamedMeter_removesItFromTheScrape() {
        Gauge gauge = Gauge.builder("kafka.producer.io.time.ns.avg", () -> 2.5e9).tag("client.id", "p1")
                .register(registry);
        FunctionCounter counter = FunctionCounter.builder("kafka.producer.io.time.ns.total", new double[] {3e9},
                a -> a[0]).tag("client.id", "p1").register(registry);

        assertThat(registry.remove(gauge)).isSameAs(gauge);
        assertThat(registry.remove(counter.getId())).isSameAs(counter);

        assertThat(registry.getMeters()).isEmpty();
        assertThat(registry.scrape()).doesNotContain("kafka_producer_io_time");
    }

    @Test
    void removingAsTheKafkaBindersDo_byThePreFilterKafkaNameAndTags_findsTheRenamedMeterWithCommonTags() {
        registry.config().commonTags("scenario", "s");
        Gauge renamed = Gauge.builder("kafka.producer.io.wait.time.ns.avg", () -> 2.5e9).tag("client.id", "p1")
                .register(registry);
        Gauge other = Gauge.builder("kafka.producer.io.wait.time.ns.avg", () -> 1e9).tag("client.id", "p2")
                .register(registry);
        Gauge kept = Gauge.builder("kafka.producer.request.rate", () -> 4).tag("client.id", "p1").register(registry);

        // What Micrometer's KafkaMetrics passes when Kafka drops io-wait-time-ns-avg of client p1.
        Meter removed = registry.remove(new Meter.Id("kafka.producer.io.wait.time.ns.avg", Tags.of("client.id", "p1"),
                null, null, Meter.Type.OTHER));
        Meter removedKept = registry.remove(new Meter.Id("kafka.producer.request.rate", Tags.of("client.id", "p1"),
                null, null, Meter.Type.OTHER));

        assertThat(removed).isSameAs(renamed);
        assertThat(removedKept).isSameAs(kept);
        assertThat(registry.getMeters()).containsExactly(other);
        assertThat(registry.scrape()).contains("kafka_producer_io_wait_time_avg_seconds{client_id=\"p2\",scenario=\"s\"} 1.0")
                .doesNotContain("client_id=\"p1\"");
    }

    @Test
    void removingByATagSubsetThatMatchesTwoMeters_removesNeither() {
        Gauge.builder("kafka.producer.io.wait.time.ns.avg", () -> 1).tag("client.id", "p1").tag("node.id", "1")
                .register(registry);
        Gauge.builder("kafka.producer.io.wait.time.ns.avg", () -> 2).tag("client.id", "p1").tag("node.id", "2")
                .register(registry);

        assertThat(registry.remove(new Meter.Id("kafka.producer.io.wait.time.ns.avg", Tags.of("client.id", "p1"),
                null, null, Meter.Type.OTHER))).isNull();
        assertThat(registry.getMeters()).hasSize(2);
    }
}

package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void getMetrics_onEphemeralPort_servesRegisteredMetersInPrometheusFormat() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AppMeters meters = new AppMeters(registry, "instance-1");
        meters.recordProcessed();
        meters.recordProcessed();

        try (MetricsServer server = MetricsServer.start(registry, "127.0.0.1", 0)) {
            assertThat(server.port()).isPositive();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(MetricsServer.CONTENT_TYPE);
            assertThat(response.body())
                    .contains("streamsim_streams_records_processed_total{instance=\"instance-1\"} 2.0")
                    .contains("streamsim_streams_event_lateness_seconds_bucket")
                    .contains("streamsim_streams_result_latency_seconds_count");
        }
    }

    @Test
    void getOtherPath_isNotFound() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (MetricsServer server = MetricsServer.start(registry, "127.0.0.1", 0)) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metricsx")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
        }
    }
}

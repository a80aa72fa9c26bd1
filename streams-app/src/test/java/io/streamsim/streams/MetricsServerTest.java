package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    void serveJson_getAnswersWithTheSuppliersJsonEachTime_otherMethodsAreRefused() throws Exception {
        int[] calls = {0};
        try (MetricsServer server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                "127.0.0.1", 0)) {
            server.serveJson("/targets", () -> "[" + (++calls[0]) + "]");
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/targets");

            HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(first.body()).isEqualTo("[1]");
            assertThat(second.body()).isEqualTo("[2]");
            assertThat(post.statusCode()).isEqualTo(405);
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

    private static final class FakeControl implements AppControl {
        final List<Duration[]> slowDowns = new ArrayList<>();

        @Override
        public AppStatus status() {
            return new AppStatus("app-instance-1", "RUNNING", Instant.parse("2024-01-01T00:00:10Z"),
                    Duration.ofMillis(2), 10, 1, 2, 3, 0, 4);
        }

        @Override
        public void slowDown(Duration perRecord, Duration lasting) {
            ProcessingThrottle.system().slowDown(perRecord, lasting); // the same validation as the real one
            slowDowns.add(new Duration[] {perRecord, lasting});
        }
    }

    private HttpResponse<String> send(int port, String method, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getControlStatus_servesTheStatusAsJson() throws Exception {
        try (MetricsServer server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                "127.0.0.1", 0, new FakeControl())) {
            HttpResponse<String> response = send(server.port(), "GET", "/control/status");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().trim()).isEqualTo("{\"instance\":\"app-instance-1\",\"state\":\"RUNNING\","
                    + "\"slowUntil\":\"2024-01-01T00:00:10Z\",\"slowPerRecordMs\":2.000,\"processed\":10,"
                    + "\"droppedLateApp\":1,\"droppedLateKafka\":2,\"deadLettered\":3,\"droppedUndecodable\":0,"
                    + "\"rebalances\":4}");
            assertThat(send(server.port(), "GET", "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void postControlSlow_withDecimalMillis_slowsDown_andBadValuesAre400() throws Exception {
        FakeControl control = new FakeControl();
        try (MetricsServer server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                "127.0.0.1", 0, control)) {
            assertThat(send(server.port(), "POST", "/control/slow?perRecordMs=0.5&forMs=10000").statusCode())
                    .isEqualTo(200);
            assertThat(control.slowDowns).hasSize(1);
            assertThat(control.slowDowns.get(0)).containsExactly(Duration.ofNanos(500_000), Duration.ofSeconds(10));

            HttpResponse<String> missing = send(server.port(), "POST", "/control/slow?perRecordMs=2");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("forMs");
            assertThat(send(server.port(), "POST", "/control/slow?perRecordMs=x&forMs=1").statusCode()).isEqualTo(400);
            assertThat(send(server.port(), "POST", "/control/slow?perRecordMs=5000&forMs=1").statusCode())
                    .isEqualTo(400);
            assertThat(send(server.port(), "GET", "/control/slow?perRecordMs=2&forMs=1").statusCode()).isEqualTo(405);
            assertThat(send(server.port(), "GET", "/control/nope").statusCode()).isEqualTo(404);
            assertThat(control.slowDowns).hasSize(1);
        }
    }

    @Test
    void control_withoutAppControl_isNotFound() throws Exception {
        try (MetricsServer server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                "127.0.0.1", 0)) {
            assertThat(send(server.port(), "GET", "/control/status").statusCode()).isEqualTo(404);
        }
    }
}

package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.streams.http.ControlToken;
import io.streamsim.streams.http.RawHttp;
import io.streamsim.streams.http.RawHttp.Response;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final FakeControl control = new FakeControl();
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
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

    private MetricsServer start(AppControl control) throws IOException {
        server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "127.0.0.1", 0, control);
        return server;
    }

    /** A request as java.net.http would send it: Host 127.0.0.1:PORT, plus {@code headers}. */
    private Response send(String method, String target, Map<String, String> headers, String body) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + server.port());
        all.putAll(headers);
        return RawHttp.send(server.port(), method, target, all, body);
    }

    private Response get(String target) throws IOException {
        return send("GET", target, Map.of(), "");
    }

    /** A slow-down as the simulator posts it: same-origin, form body. */
    private Response postSlow(String form) throws IOException {
        return send("POST", MetricsServer.SLOW_PATH, Map.of("Origin", "http://127.0.0.1:" + server.port(),
                "Content-Type", FORM), form);
    }

    @Test
    void getMetrics_onEphemeralPort_servesRegisteredMetersInPrometheusFormat() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AppMeters meters = new AppMeters(registry, "instance-1");
        meters.recordProcessed();
        meters.recordProcessed();
        server = MetricsServer.start(registry, "127.0.0.1", 0);

        Response response = get("/metrics");

        assertThat(server.port()).isPositive();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("content-type", MetricsServer.CONTENT_TYPE);
        assertThat(response.body())
                .contains("streamsim_streams_records_processed_total{instance=\"instance-1\"} 2.0")
                .contains("streamsim_streams_event_lateness_seconds_bucket")
                .contains("streamsim_streams_result_latency_seconds_count");
    }

    @Test
    void serveJson_getAnswersWithTheSuppliersJsonEachTime_otherMethodsAreRefused() throws Exception {
        int[] calls = {0};
        start(null).serveJson("/targets", () -> "[" + (++calls[0]) + "]");

        Response first = get("/targets");
        Response second = get("/targets");
        Response post = send("POST", "/targets", Map.of(), "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().get("content-type")).startsWith("application/json");
        assertThat(first.body()).isEqualTo("[1]");
        assertThat(second.body()).isEqualTo("[2]");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("allow", "GET");
    }

    @Test
    void serveJson_supplierThrows_answers500WithoutTheExceptionText() throws Exception {
        start(null).serveJson("/targets", () -> {
            throw new IllegalStateException("secret internals at /home/user/streamsim");
        });

        Response response = get("/targets");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret", "IllegalStateException", "/home/user")
                .contains("internal error");
    }

    @Test
    void getOtherPath_isNotFound() throws Exception {
        start(null);

        assertThat(get("/metricsx").status()).isEqualTo(404);
        assertThat(get("/").status()).isEqualTo(404);
    }

    @Test
    void anyPath_hostOfARebindingName_isRefused421() throws Exception {
        start(control).serveJson("/targets", () -> "[]");
        Map<String, String> rebound = Map.of("Host", "127.attacker.example:" + server.port(),
                "Origin", "http://127.attacker.example:" + server.port(), "Content-Type", FORM);

        List<Response> responses = List.of(
                RawHttp.send(server.port(), "GET", "/metrics", rebound, ""),
                RawHttp.send(server.port(), "GET", "/targets", rebound, ""),
                RawHttp.send(server.port(), "GET", MetricsServer.STATUS_PATH, rebound, ""),
                RawHttp.send(server.port(), "POST", MetricsServer.SLOW_PATH, rebound, "perRecordMs=5&forMs=1000"));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(421));
        assertThat(control.slowDowns).isEmpty();
    }

    @Test
    void anyPath_missingHost_isRefused421() throws Exception {
        start(control);

        assertThat(RawHttp.send(server.port(), "GET", "/metrics", Map.of(), "").status()).isEqualTo(421);
        assertThat(RawHttp.send(server.port(), "GET", MetricsServer.STATUS_PATH, Map.of(), "").status())
                .isEqualTo(421);
    }

    @Test
    void anyPath_hostWithAnotherPort_isRefused421() throws Exception {
        start(control);

        Response r = RawHttp.send(server.port(), "GET", "/metrics", Map.of("Host", "127.0.0.1:1"), "");

        assertThat(r.status()).isEqualTo(421);
    }

    @Test
    void anyPath_localhostOrIpv6LoopbackHost_isServed() throws Exception {
        start(control);

        assertThat(RawHttp.send(server.port(), "GET", "/metrics", Map.of("Host", "localhost:" + server.port()), "")
                .status()).isEqualTo(200);
        assertThat(RawHttp.send(server.port(), "GET", "/metrics", Map.of("Host", "[::1]:" + server.port()), "")
                .status()).isEqualTo(200);
    }

    @Test
    void getControlStatus_servesTheStatusAsJson() throws Exception {
        start(control);

        Response response = get(MetricsServer.STATUS_PATH);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().trim()).isEqualTo("{\"instance\":\"app-instance-1\",\"state\":\"RUNNING\","
                + "\"slowUntil\":\"2024-01-01T00:00:10Z\",\"slowPerRecordMs\":2.000,\"processed\":10,"
                + "\"droppedLateApp\":1,\"droppedLateKafka\":2,\"deadLettered\":3,\"droppedUndecodable\":0,"
                + "\"rebalances\":4}");
        assertThat(get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void postControlSlow_sameOriginFormBodyWithDecimalMillis_slowsDown() throws Exception {
        start(control);

        Response response = postSlow("perRecordMs=0.5&forMs=10000");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"instance\":\"app-instance-1\"");
        assertThat(control.slowDowns).hasSize(1);
        assertThat(control.slowDowns.get(0)).containsExactly(Duration.ofNanos(500_000), Duration.ofSeconds(10));
    }

    @Test
    void postControlSlow_badOrMissingValues_are400NamingTheParameter() throws Exception {
        start(control);

        Response missing = postSlow("perRecordMs=2");
        Response notANumber = postSlow("perRecordMs=x&forMs=1");
        Response twice = postSlow("perRecordMs=1&perRecordMs=2&forMs=1");
        Response unknown = postSlow("perRecordMs=1&forMs=1&forSeconds=1");

        assertThat(List.of(missing, notANumber, twice, unknown)).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(missing.body()).contains("forMs is required");
        assertThat(notANumber.body()).contains("perRecordMs must be a number");
        assertThat(twice.body()).contains("perRecordMs is given twice");
        assertThat(unknown.body()).contains("forSeconds");
        assertThat(control.slowDowns).isEmpty();
    }

    @Test
    void postControlSlow_outOfBounds_isRefused400WithTheBound() throws Exception {
        start(control);

        Response perRecordTooLong = postSlow("perRecordMs=1000.5&forMs=1000");
        Response lastingTooLong = postSlow("perRecordMs=1&forMs=600001");
        Response hugeLasting = postSlow("perRecordMs=1&forMs=1e400");
        Response negative = postSlow("perRecordMs=-1&forMs=1000");

        assertThat(List.of(perRecordTooLong, lastingTooLong, hugeLasting, negative))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(perRecordTooLong.body()).contains("perRecordMs must be in [0, 1000] ms");
        assertThat(lastingTooLong.body()).contains("forMs must be in [0, 600000] ms");
        assertThat(control.slowDowns).isEmpty();
        assertThat(postSlow("perRecordMs=1000&forMs=600000").status()).isEqualTo(200);
    }

    @Test
    void postControlSlow_withoutOrigin_isRefused403() throws Exception {
        start(control);

        Response r = send("POST", MetricsServer.SLOW_PATH, Map.of("Content-Type", FORM), "perRecordMs=5&forMs=1000");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Origin");
        assertThat(control.slowDowns).isEmpty();
    }

    @Test
    void postControlSlow_crossSiteSimpleFormPost_isRefused403() throws Exception {
        start(control);

        // What <form method=post action=http://127.0.0.1:PORT/control/slow> on another site sends: no preflight.
        Response r = send("POST", MetricsServer.SLOW_PATH, Map.of("Origin", "http://evil.example",
                "Content-Type", FORM), "perRecordMs=1000&forMs=600000");

        assertThat(r.status()).isEqualTo(403);
        assertThat(control.slowDowns).isEmpty();
    }

    @Test
    void postControlSlow_parametersInTheQueryString_areRefused400() throws Exception {
        start(control);

        Response r = send("POST", MetricsServer.SLOW_PATH + "?perRecordMs=5&forMs=1000",
                Map.of("Origin", "http://127.0.0.1:" + server.port()), "");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("body, not the query string");
        assertThat(control.slowDowns).isEmpty();
    }

    @Test
    void postControlSlow_jsonBody_isRefused415() throws Exception {
        start(control);

        Response r = send("POST", MetricsServer.SLOW_PATH, Map.of("Origin", "http://127.0.0.1:" + server.port(),
                "Content-Type", "application/json"), "{\"perRecordMs\":5,\"forMs\":1000}");

        assertThat(r.status()).isEqualTo(415);
        assertThat(control.slowDowns).isEmpty();
    }

    @Test
    void getControlSlow_isRefused405() throws Exception {
        start(control);

        Response r = get(MetricsServer.SLOW_PATH);

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("allow", "POST");
        assertThat(get("/control/nope").status()).isEqualTo(404);
    }

    @Test
    void control_withTokenSet_wrongOrMissingTokenIsRefused403_theTokenIsServed() throws Exception {
        ControlToken token = ControlToken.of("a-token-of-this-run-0123456789");
        server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "127.0.0.1", 0, control,
                Optional.of(token));
        Map<String, String> origin = Map.of("Origin", "http://127.0.0.1:" + server.port(), "Content-Type", FORM);
        Map<String, String> wrong = new LinkedHashMap<>(origin);
        wrong.put(ControlToken.HEADER, "a-token-of-another-run-0123456");
        Map<String, String> right = new LinkedHashMap<>(origin);
        right.put(ControlToken.HEADER, token.value());

        Response missingToken = send("POST", MetricsServer.SLOW_PATH, origin, "perRecordMs=5&forMs=1000");
        Response wrongToken = send("POST", MetricsServer.SLOW_PATH, wrong, "perRecordMs=5&forMs=1000");
        Response statusWithout = get(MetricsServer.STATUS_PATH);
        assertThat(control.slowDowns).isEmpty();
        Response withToken = send("POST", MetricsServer.SLOW_PATH, right, "perRecordMs=5&forMs=1000");
        Response statusWith = send("GET", MetricsServer.STATUS_PATH, Map.of(ControlToken.HEADER, token.value()), "");

        assertThat(List.of(missingToken, wrongToken, statusWithout)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains(ControlToken.HEADER).doesNotContain(token.value());
        });
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(statusWith.status()).isEqualTo(200);
        assertThat(control.slowDowns).hasSize(1);
        assertThat(get("/metrics").status()).as("metrics ask no token").isEqualTo(200);
    }

    @Test
    void control_withoutAppControl_isNotFound() throws Exception {
        start(null);

        assertThat(get(MetricsServer.STATUS_PATH).status()).isEqualTo(404);
    }

    // The next two bind beyond loopback because that is the rule under test; each sends a handful of requests.
    @Test
    void wildcardBind_metricsAnswerAnyHost_targetsAndControlsAnswerLoopbackHostsOnly() throws Exception {
        server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "0.0.0.0", 0, control);
        server.serveJson("/targets", () -> "[]");
        Map<String, String> scraperHost = Map.of("Host", "app-1:" + server.port());

        Response metrics = RawHttp.send(server.port(), "GET", "/metrics", scraperHost, "");
        Response targetsByName = RawHttp.send(server.port(), "GET", "/targets", scraperHost, "");
        Response statusByName = RawHttp.send(server.port(), "GET", MetricsServer.STATUS_PATH, scraperHost, "");
        Response targets = get("/targets");
        Response status = get(MetricsServer.STATUS_PATH);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(targetsByName.status()).isEqualTo(421);
        assertThat(statusByName.status()).isEqualTo(421);
        assertThat(targets.status()).isEqualTo(200);
        assertThat(status.status()).isEqualTo(200);
    }

    @Test
    void nonLoopbackBind_metricsAnswerAnyHost_targetsAndControlsStayLoopbackOnly() throws Exception {
        InetAddress external = nonLoopbackAddress();
        assumeThat(external).as("a non-loopback IPv4 address on this machine").isNotNull();
        server = MetricsServer.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                external.getHostAddress(), 0, control);
        server.serveJson("/targets", () -> "[]");
        int port = server.port();
        Map<String, String> scraperHost = Map.of("Host", "app-1:" + port);

        Response metrics = sendFrom(external, "GET", "/metrics", scraperHost);
        Response targets = sendFrom(external, "GET", "/targets", Map.of("Host", "127.0.0.1:" + port));
        Response status = sendFrom(external, "GET", MetricsServer.STATUS_PATH, Map.of("Host", "127.0.0.1:" + port));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(targets.status()).as("peer not on loopback").isEqualTo(403);
        assertThat(status.status()).as("peer not on loopback").isEqualTo(403);
    }

    /** Connects to {@code address} (not loopback), so the server sees a peer that is not on loopback. */
    private Response sendFrom(InetAddress address, String method, String target, Map<String, String> headers)
            throws IOException {
        return RawHttp.send(address, server.port(), method, target, headers, "");
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
        }
        return null;
    }
}

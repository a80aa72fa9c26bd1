package io.streamsim.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LiveServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeRunControl control = new FakeRunControl(Duration.ofMillis(100), 3);
    private final List<Socket> viewers = new ArrayList<>();
    private LiveServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket viewer : viewers) {
            viewer.close();
        }
        if (server != null) {
            server.close();
        }
        control.close();
    }

    @Test
    void start_portZero_servesThePageOnAFreeLoopbackPort() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        HttpResponse<String> page = get("/");

        assertThat(server.port()).isPositive();
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("StreamsimCharts", "id=\"rate-up\"", "report-demo")
                .contains("data-action=\"control/rate\" data-form=\"factor=10\"")
                .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?https?:");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void start_hostOtherThanTheThreeLoopbackNames_isRefused() {
        for (String host : List.of("0.0.0.0", "::", "127.0.0.2", "example.com")) {
            assertThatThrownBy(() -> LiveServer.start(control, host, 0)).as(host)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        }
    }

    @Test
    void start_ipv6LoopbackOrLocalhost_servesOnAnAddressItsOwnHostCheckAccepts() throws Exception {
        for (String host : List.of("::1", "localhost")) {
            server = LiveServer.start(control, host, 0);

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.uri()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).as(host + " at " + server.uri()).isEqualTo(200);
            server.close();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void events_lateViewer_getsTheHistoryThenEveryNewSampleAndControl() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        int history = control.samples().size();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(server.uri().resolve("/events"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        List<String> names = new ArrayList<>();
        List<JsonNode> samples = new ArrayList<>();
        List<JsonNode> timeline = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String event = null;
            boolean posted = false;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                    names.add(event);
                } else if (line.startsWith("data: ")) {
                    JsonNode data = JSON.readTree(line.substring(6));
                    if ("sample".equals(event)) {
                        samples.add(data);
                    } else if ("timeline".equals(event)) {
                        timeline.add(data);
                    }
                }
                if (!posted && samples.size() >= history + 2) {
                    assertThat(post("/control/poison", "records=7").statusCode()).isEqualTo(200);
                    posted = true;
                }
                if (!timeline.isEmpty()) {
                    break;
                }
            }
        }

        assertThat(names.get(0)).isEqualTo("reset");
        assertThat(samples.size()).isGreaterThanOrEqualTo(history + 2);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i).get("t").asDouble()).as("sample %d in order, none missed", i).isEqualTo(i + 1);
        }
        assertThat(timeline.get(0).get("description").asText()).isEqualTo("poisonBurst(7)");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void events_oneViewerMoreThanTheMost_gets503_andAFreedPlaceIsTakenAgain() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        for (int i = 0; i < LiveServer.MAX_VIEWERS; i++) {
            viewers.add(openEventStream());
        }

        HttpResponse<String> oneMore = get("/events");

        assertThat(oneMore.statusCode()).isEqualTo(503);
        assertThat(oneMore.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(oneMore.body()).get("error").asText()).contains(LiveServer.MAX_VIEWERS + " viewers");
        assertThat(get("/").statusCode()).as("the page and controls keep their own threads").isEqualTo(200);
        assertThat(post("/control/kill", "").statusCode()).isEqualTo(200);

        viewers.remove(0).close();
        // The server finds the viewer gone at its next write (a sample every 100ms): wait for that, not a time.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Socket again = null;
        while (again == null && System.nanoTime() < deadline) {
            again = tryOpenEventStream();
        }
        assertThat(again).as("a place frees once a viewer leaves").isNotNull();
        viewers.add(again);
    }

    @Test
    void controls_callTheRunAndAnswerJson() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        HttpResponse<String> up = post("/control/rate", "factor=10");
        HttpResponse<String> down = post("/control/rate", "factor=0.1");
        HttpResponse<String> out = post("/control/scale-out", "");
        HttpResponse<String> in = post("/control/scale-in", "");
        HttpResponse<String> kill = post("/control/kill", "");
        HttpResponse<String> poison = post("/control/poison", "records=100");

        assertThat(List.of(up, down, out, in, kill, poison)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(control.calls).containsExactly("stepRate(10.0)", "stepRate(0.1)", "scaleOut", "scaleIn", "killOne",
                "poisonBurst(100)");
        assertThat(JSON.readTree(up.body()).get("factor").asDouble()).isEqualTo(10);
        assertThat(JSON.readTree(down.body()).get("result").asText()).isEqualTo("rate ×0.1");
        assertThat(JSON.readTree(out.body()).get("instance").asText()).isEqualTo("app-instance-3");
        assertThat(JSON.readTree(kill.body()).get("instance").asText()).isEqualTo("app-instance-2");
        assertThat(control.timeline()).hasSize(6);
    }

    @Test
    void controls_badParametersOrMethod_areRefusedWithAMessage() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        assertThat(post("/control/rate", "factor=0").statusCode()).isEqualTo(400);
        assertThat(post("/control/rate", "factor=abc").statusCode()).isEqualTo(400);
        assertThat(post("/control/rate", "factor=NaN").statusCode()).isEqualTo(400);
        assertThat(post("/control/rate", "factor=Infinity").statusCode()).isEqualTo(400);
        assertThat(post("/control/rate", "").statusCode()).isEqualTo(400);
        assertThat(post("/control/rate", "factor=10&factor=0.1").statusCode()).isEqualTo(400);
        assertThat(post("/control/kill", "instance=app-instance-1").statusCode()).isEqualTo(400);
        assertThat(post("/control/poison", "records=0").statusCode()).isEqualTo(400);
        HttpResponse<String> tooMany = post("/control/poison", "records=99999999");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).get("error").asText()).contains("records must be 1 to 1000000");
        assertThat(post("/control/explode", "").statusCode()).isEqualTo(404);
        HttpResponse<String> get = get("/control/kill");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void rate_stepsBeyondAHundredfoldInAll_areRefused400() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        assertThat(post("/control/rate", "factor=10").statusCode()).isEqualTo(200);
        assertThat(post("/control/rate", "factor=10").statusCode()).isEqualTo(200);

        HttpResponse<String> third = post("/control/rate", "factor=10");
        HttpResponse<String> leap = post("/control/rate", "factor=0.0001");

        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(third.body()).get("error").asText())
                .isEqualTo("the page's rate steps stay within x0.01 and x100 of the scenario's rate in all; at x100 "
                        + "now, factor must be in [0.0001, 1], was 10");
        assertThat(leap.statusCode()).isEqualTo(200);
        assertThat(post("/control/rate", "factor=0.1").statusCode()).as("x0.01 is the floor").isEqualTo(400);
        assertThat(control.calls).containsExactly("stepRate(10.0)", "stepRate(10.0)", "stepRate(1.0E-4)");
    }

    @Test
    void scaleOut_morethanTheMostAddedInstances_isRefused400_untilOneIsRemoved() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        for (int i = 0; i < LiveServer.MAX_ADDED_INSTANCES; i++) {
            assertThat(post("/control/scale-out", "").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> oneMore = post("/control/scale-out", "");
        assertThat(post("/control/scale-in", "").statusCode()).isEqualTo(200);
        HttpResponse<String> afterRemoval = post("/control/scale-out", "");

        assertThat(oneMore.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(oneMore.body()).get("error").asText()).contains("added 8 instances");
        assertThat(afterRemoval.statusCode()).isEqualTo(200);
    }

    @Test
    void controls_runRefuses_answers409WithItsMessage() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        post("/control/kill", "");
        post("/control/kill", "");

        HttpResponse<String> third = post("/control/kill", "");

        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(third.body()).get("error").asText()).isEqualTo("no live app instance to kill");
    }

    @Test
    void controls_runFailsUnexpectedly_answers500WithoutTheExceptionText() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        control.poisonFailure = new IllegalArgumentException("broker at /home/user/kafka: secret detail");

        HttpResponse<String> r = post("/control/poison", "records=5");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret", "IllegalArgumentException", "/home/user")
                .contains("internal error");
    }

    @Test
    void controls_postFromAnotherOrigin_isRefused403() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/control/kill"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(control.calls).isEmpty();
    }

    @Test
    void controls_postWithoutOrigin_isRefused403() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/control/kill"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("Origin");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void controls_crossSiteSimpleFormPost_isRefused403() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        // What <form method=post action=http://127.0.0.1:PORT/control/poison> on another site sends: no preflight.
        RawResponse r = raw("POST", "/control/poison", Map.of("Host", "127.0.0.1:" + server.port(),
                "Origin", "https://evil.example", "Content-Type", FORM), "records=1000000");

        assertThat(r.status()).isEqualTo(403);
        assertThat(control.calls).isEmpty();
    }

    @Test
    void controls_parametersInTheQueryString_areRefused400() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/control/rate?factor=10"))
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("not the query string");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void anyPath_hostOfARebindingName_isRefused421() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        String rebound = "127.attacker.example:" + server.port();

        // curl -H 'Host: 127.attacker.example:PORT' -X POST http://127.0.0.1:PORT/control/kill, and the like.
        RawResponse kill = raw("POST", "/control/kill", Map.of("Host", rebound, "Origin", "http://" + rebound), "");
        RawResponse page = raw("GET", "/", Map.of("Host", rebound), "");
        RawResponse events = raw("GET", "/events", Map.of("Host", rebound), "");

        assertThat(List.of(kill, page, events)).allSatisfy(r -> assertThat(r.status()).isEqualTo(421));
        assertThat(JSON.readTree(kill.body()).get("error").asText()).contains("127.0.0.1:" + server.port());
        assertThat(control.calls).isEmpty();
    }

    @Test
    void anyPath_missingHost_isRefused421() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        RawResponse page = raw("GET", "/", Map.of(), "");
        RawResponse kill = raw("POST", "/control/kill", Map.of("Origin", origin()), "");

        assertThat(page.status()).isEqualTo(421);
        assertThat(kill.status()).isEqualTo(421);
        assertThat(control.calls).isEmpty();
    }

    @Test
    void controls_localhostHostAndOrigin_areServed() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        String localhost = "localhost:" + server.port();

        RawResponse r = raw("POST", "/control/kill", Map.of("Host", localhost, "Origin", "http://" + localhost), "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(control.calls).containsExactly("killOne");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void close_endsOpenEventStreams() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(server.uri().resolve("/events"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("event: reset");

        server.close();

        String last = null;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith("event: ")) {
                last = line;
            }
        }
        assertThat(last).isEqualTo("event: end");
    }

    private String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A control as the page's fetch posts it: same-origin, form body. */
    private HttpResponse<String> post(String path, String form) throws Exception {
        URI uri = server.uri().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Origin", origin()).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record RawResponse(int status, String body) {
    }

    /** One request over a socket with exactly these headers: java.net.http will not forge or drop Host. */
    private RawResponse raw(String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
            all.put("Connection", "close");
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            all.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            socket.getOutputStream().write((request + "\r\n" + body).getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return new RawResponse(Integer.parseInt(text.split(" ", 3)[1]), text.substring(end + 4));
        }
    }

    /** An open {@code /events} stream that has had its {@code reset}; fails if the server refuses it. */
    private Socket openEventStream() throws IOException {
        Socket stream = tryOpenEventStream();
        assertThat(stream).as("event stream admitted").isNotNull();
        return stream;
    }

    /** An open {@code /events} stream that has had its {@code reset}, or null when the server answered otherwise. */
    private Socket tryOpenEventStream() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String status = in.readLine();
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            socket.close();
            return null;
        }
        for (String line; (line = in.readLine()) != null; ) {
            if (line.contains("event: reset")) {
                return socket;
            }
        }
        socket.close();
        return null;
    }
}

package io.streamsim.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LiveServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeRunControl control = new FakeRunControl(Duration.ofMillis(100), 3);
    private LiveServer server;

    @AfterEach
    void stop() {
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
                .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?https?:");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void start_nonLoopbackHost_isRefused() {
        assertThatThrownBy(() -> LiveServer.start(control, "0.0.0.0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
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
                    assertThat(post("/control/poison?records=7").statusCode()).isEqualTo(200);
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
    void controls_callTheRunAndAnswerJson() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        HttpResponse<String> up = post("/control/rate?factor=10");
        HttpResponse<String> down = post("/control/rate?factor=0.1");
        HttpResponse<String> out = post("/control/scale-out");
        HttpResponse<String> in = post("/control/scale-in");
        HttpResponse<String> kill = post("/control/kill");
        HttpResponse<String> poison = post("/control/poison?records=100");

        assertThat(List.of(up, down, out, in, kill, poison)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(control.calls).containsExactly("stepRate(10.0)", "stepRate(0.1)", "scaleOut", "scaleIn", "killOne",
                "poisonBurst(100)");
        assertThat(JSON.readTree(up.body()).get("factor").asDouble()).isEqualTo(10);
        assertThat(JSON.readTree(out.body()).get("instance").asText()).isEqualTo("app-instance-3");
        assertThat(JSON.readTree(kill.body()).get("instance").asText()).isEqualTo("app-instance-2");
        assertThat(control.timeline()).hasSize(6);
    }

    @Test
    void controls_badParametersOrMethod_areRefusedWithAMessage() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        assertThat(post("/control/rate?factor=0").statusCode()).isEqualTo(400);
        assertThat(post("/control/rate?factor=abc").statusCode()).isEqualTo(400);
        assertThat(post("/control/rate").statusCode()).isEqualTo(400);
        assertThat(post("/control/poison?records=0").statusCode()).isEqualTo(400);
        HttpResponse<String> tooMany = post("/control/poison?records=99999999");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).get("error").asText()).contains("records must be");
        assertThat(post("/control/explode").statusCode()).isEqualTo(404);
        assertThat(get("/control/kill").statusCode()).isEqualTo(405);
        assertThat(control.calls).isEmpty();
    }

    @Test
    void controls_runRefuses_answers409WithItsMessage() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);
        post("/control/kill");
        post("/control/kill");

        HttpResponse<String> third = post("/control/kill");

        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(third.body()).get("error").asText()).isEqualTo("no live app instance to kill");
    }

    @Test
    void controls_postFromAnotherOrigin_isRefused() throws Exception {
        server = LiveServer.start(control, "127.0.0.1", 0);

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/control/kill"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(control.calls).isEmpty();
    }

    @Test
    void loopbackHost_acceptsLoopbackNamesOnly() {
        assertThat(LiveServer.loopbackHost("127.0.0.1:8080")).isTrue();
        assertThat(LiveServer.loopbackHost("localhost:8080")).isTrue();
        assertThat(LiveServer.loopbackHost("[::1]:8080")).isTrue();
        assertThat(LiveServer.loopbackHost("attacker.example:8080")).isFalse();
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

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}

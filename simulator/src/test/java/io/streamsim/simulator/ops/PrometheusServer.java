package io.streamsim.simulator.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code prometheus} binary (Debian's package in CI) on 127.0.0.1, with its storage in a temp dir, and
 * {@code promtool}. Both are looked up on PATH; tests skip when they are missing.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int BIND_ATTEMPTS = 5;

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** The executable {@code name} on PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Prometheus with {@code scrapeConfig} (a whole prometheus.yml) and waits until it is ready. A free
     * port found by binding and releasing one can be taken again before Prometheus binds it: then it retries.
     */
    static PrometheusServer start(Path binary, Path workDir, String scrapeConfig) throws IOException, InterruptedException {
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, scrapeConfig);
        IOException last = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            int port = freePort();
            Path data = Files.createDirectories(workDir.resolve("data-" + attempt));
            Path log = workDir.resolve("prometheus-" + attempt + ".log");
            Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port), log);
            if (server.awaitReady(READY_TIMEOUT)) {
                return server;
            }
            String output = Files.exists(log) ? Files.readString(log) : "";
            server.close();
            last = new IOException("prometheus did not become ready on port " + port + ":\n" + output);
            if (!output.contains("address already in use")) {
                break;
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** {@code /api/v1/query} at now: the {@code data.result} array (a vector or a scalar). */
    JsonNode query(String promql) throws IOException, InterruptedException {
        URI uri = base.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("query " + promql + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return body.path("data").path("result");
    }

    /** The health of every scrape target, e.g. {@code [simulator up, streams-app up]}. */
    List<String> targetHealth() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/targets"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode active = new ObjectMapper().readTree(r.body()).path("data").path("activeTargets");
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (JsonNode t : active) {
            out.add(t.path("labels").path("job").asText() + " " + t.path("health").asText() + " "
                    + t.path("lastError").asText());
        }
        return out;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The result of {@code promtool check metrics} on an exposition text: exit code and combined output. */
    record PromtoolResult(int exitCode, String output) {
    }

    static PromtoolResult checkMetrics(Path promtool, String exposition, Path workDir) throws IOException, InterruptedException {
        Path in = Files.createTempFile(workDir, "scrape-", ".txt");
        Files.writeString(in, exposition);
        Path out = Files.createTempFile(workDir, "promtool-", ".txt");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(in.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("promtool check metrics did not finish within 60s");
        }
        return new PromtoolResult(p.exitValue(), Files.readString(out));
    }
}

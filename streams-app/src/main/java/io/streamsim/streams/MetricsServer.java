package io.streamsim.streams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} in the Prometheus text format from a {@link PrometheusMeterRegistry} and, when
 * given an {@link AppControl}, two control endpoints for the simulator:
 * <ul>
 *   <li>{@code GET /control/status}: the instance's {@link AppStatus} as one line of JSON</li>
 *   <li>{@code POST /control/slow?perRecordMs=2&forMs=10000}: every record waits 2ms for the next 10s
 *       ({@link ProcessingThrottle}); decimals allowed ({@code perRecordMs=0.5}); 0 for either ends a
 *       slow-down. Answers 200 with the status, 400 naming a bad parameter.</li>
 * </ul>
 * Binds to loopback unless told otherwise: the endpoints have no authentication.
 */
public final class MetricsServer implements AutoCloseable {

    /** Prometheus text exposition format 0.0.4, which every Prometheus version scrapes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String PATH = "/metrics";
    public static final String STATUS_PATH = "/control/status";
    public static final String SLOW_PATH = "/control/slow";
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @param port 0 for an ephemeral port; {@link #port()} tells which one was bound */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) throws IOException {
        return start(registry, host, port, null);
    }

    /**
     * @param port    0 for an ephemeral port; {@link #port()} tells which one was bound
     * @param control what {@code /control/} acts on; null: no control endpoints
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port, AppControl control)
            throws IOException {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "streamsim-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> handle(exchange, registry));
        if (control != null) {
            server.createContext("/control/", exchange -> handleControl(exchange, control));
        }
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void handle(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (isGetOf(exchange, PATH)) {
                reply(exchange, 200, CONTENT_TYPE, registry.scrape(CONTENT_TYPE));
            }
        }
    }

    /**
     * Whether the request is a GET of exactly {@code path}; if not, it has been answered: 404 for another path
     * under the context, 405 (with Allow) for another method.
     */
    private static boolean isGetOf(HttpExchange exchange, String path) throws IOException {
        if (!path.equals(exchange.getRequestURI().getPath())) {
            reply(exchange, 404, "not found: " + exchange.getRequestURI().getPath() + "\n");
            return false;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            reply(exchange, 405, "only GET\n");
            return false;
        }
        return true;
    }

    private static void handleControl(HttpExchange exchange, AppControl control) throws IOException {
        try (exchange) {
            try {
                control(exchange, control);
            } catch (RuntimeException e) {
                // Uncaught, it would reset the connection without a word: say what went wrong instead.
                reply(exchange, 500, e + "\n");
            }
        }
    }

    private static void control(HttpExchange exchange, AppControl control) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (STATUS_PATH.equals(path)) {
            if (!"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET");
                reply(exchange, 405, "only GET\n");
                return;
            }
            reply(exchange, 200, JSON, control.status().toJson() + "\n");
        } else if (SLOW_PATH.equals(path)) {
            if (!"POST".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405, "only POST\n");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Duration perRecord;
            Duration lasting;
            try {
                perRecord = millis(query, "perRecordMs");
                lasting = millis(query, "forMs");
                control.slowDown(perRecord, lasting);
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, e.getMessage() + "\n");
                return;
            }
            reply(exchange, 200, JSON, control.status().toJson() + "\n");
        } else {
            reply(exchange, 404, "not found: " + path + "\n");
        }
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** A non-negative number of milliseconds, decimals allowed, to nanosecond precision. */
    static Duration millis(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        try {
            BigDecimal ms = new BigDecimal(value.trim());
            if (ms.signum() < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return Duration.ofNanos(ms.multiply(BigDecimal.valueOf(1_000_000)).setScale(0, RoundingMode.HALF_UP)
                    .longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, was '" + value + "'");
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        reply(exchange, status, "text/plain; charset=utf-8", text);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Serves {@code GET path} with the JSON {@code body} gives at each request (e.g. the simulator's Prometheus
     * service-discovery targets); 405 for other methods, 500 with the error if {@code body} throws.
     */
    public void serveJson(String path, Supplier<String> body) {
        Objects.requireNonNull(body, "body");
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!isGetOf(exchange, path)) {
                    return;
                }
                String json;
                try {
                    json = body.get();
                } catch (RuntimeException e) {
                    reply(exchange, 500, e + "\n");
                    return;
                }
                reply(exchange, 200, JSON, json);
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

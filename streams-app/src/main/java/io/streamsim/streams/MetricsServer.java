package io.streamsim.streams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.streams.http.ControlToken;
import io.streamsim.streams.http.FormParams;
import io.streamsim.streams.http.LoopbackGuard;
import io.streamsim.streams.http.RefusedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} in the Prometheus text format from a {@link PrometheusMeterRegistry}, JSON paths
 * added with {@link #serveJson} (the simulator's {@code /targets}) and, when given an {@link AppControl}, two
 * control endpoints for the simulator:
 * <ul>
 *   <li>{@code GET /control/status}: the instance's {@link AppStatus} as one line of JSON</li>
 *   <li>{@code POST /control/slow} with the form body {@code perRecordMs=2&forMs=10000}: every record waits 2ms
 *       for the next 10s ({@link ProcessingThrottle}); decimals allowed ({@code perRecordMs=0.5}); 0 for either
 *       ends a slow-down; {@code perRecordMs} at most 1000 (1s), {@code forMs} at most 600000 (10 min).
 *       Answers 200 with the status, 400 naming a missing, malformed or out-of-bounds parameter.</li>
 * </ul>
 *
 * <p>Who may ask what (the checks are {@link LoopbackGuard}'s; a refusal is a short text with its status):
 * <ul>
 *   <li>Bound to a loopback address (the default, {@value #DEFAULT_HOST}): every request must come with
 *       {@code Host} exactly {@code 127.0.0.1:PORT}, {@code localhost:PORT} or {@code [::1]:PORT} (else 421), so
 *       that a web page whose name is rebound to 127.0.0.1 cannot read or drive it.</li>
 *   <li>Bound to another address on purpose (e.g. {@code --metrics-host 0.0.0.0} so that Prometheus in a
 *       container can scrape): {@code GET /metrics} answers any peer and any {@code Host}, since a scraper names
 *       the machine however its network does and the meters are what the bind meant to publish. Everything else
 *       ({@link #serveJson} paths and {@code /control/}) stays loopback-only: the peer must be on loopback (else
 *       403) and the {@code Host} as above (else 421). E.g. bound to 0.0.0.0:9465, a scrape from 172.17.0.3 with
 *       {@code Host: app-1:9465} gets the meters, and the same peer's {@code GET /control/status} a 403.</li>
 *   <li>{@code POST /control/slow} further needs an {@code Origin} of this server ({@code http://127.0.0.1:PORT};
 *       403 without one) and its parameters in a form body, not the query string (400).</li>
 *   <li>Started with a {@link ControlToken}: every {@code /control/} request needs it in
 *       {@value ControlToken#HEADER} (403 without it). The simulator sets one for the instances it starts; a
 *       standalone instance has none unless asked for ({@code --control-token-env}).</li>
 * </ul>
 * An unexpected error is logged and answered 500 with a generic text: a response never carries exception text.
 */
public final class MetricsServer implements AutoCloseable {

    /** Prometheus text exposition format 0.0.4, which every Prometheus version scrapes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String PATH = "/metrics";
    public static final String STATUS_PATH = "/control/status";
    /** {@code GET /control/status?table=held}: the status with what the reference table's store holds. */
    public static final String TABLE_HELD_QUERY = "table=held";
    public static final String SLOW_PATH = "/control/slow";
    /** The longest slow-down one control may ask for: a demo's slow consumer, not an instance left crippled. */
    public static final Duration MAX_SLOW_DOWN = ProcessingThrottle.MAX_LASTING;

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String CONTROL_PREFIX = "/control/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final LoopbackGuard guard;
    private final boolean loopbackBind;
    private final AppControl control;
    private final Map<String, Supplier<String>> jsonPaths = new ConcurrentHashMap<>();

    private MetricsServer(HttpServer server, ExecutorService executor, LoopbackGuard guard, AppControl control) {
        this.server = server;
        this.executor = executor;
        this.guard = guard;
        this.loopbackBind = server.getAddress().getAddress().isLoopbackAddress();
        this.control = control;
    }

    /** @param port 0 for an ephemeral port; {@link #port()} tells which one was bound */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) throws IOException {
        return start(registry, host, port, null, Optional.empty());
    }

    /** With controls that ask no token; see {@link #start(PrometheusMeterRegistry, String, int, AppControl, Optional)}. */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port, AppControl control)
            throws IOException {
        return start(registry, host, port, control, Optional.empty());
    }

    /**
     * @param port    0 for an ephemeral port; {@link #port()} tells which one was bound
     * @param control what {@code /control/} acts on; null: no control endpoints
     * @param token   what every {@code /control/} request must carry; empty: none asked
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port, AppControl control,
                                      Optional<ControlToken> token) throws IOException {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
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
        LoopbackGuard guard = LoopbackGuard.forPort(server.getAddress().getPort());
        MetricsServer metrics = new MetricsServer(server, executor, token.map(guard::withToken).orElse(guard),
                control);
        server.createContext("/", exchange -> metrics.handle(exchange, registry));
        server.start();
        return metrics;
    }

    private void handle(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            try {
                route(exchange, registry);
            } catch (RefusedRequest r) {
                r.headers().forEach(exchange.getResponseHeaders()::set);
                reply(exchange, r.status(), r.getMessage() + "\n");
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                reply(exchange, 500, "internal error (the server's log has the details)\n");
            }
        }
    }

    private void route(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException, RefusedRequest {
        String path = exchange.getRequestURI().getPath();
        if (PATH.equals(path)) {
            if (loopbackBind) {
                guard.requireLocal(exchange);
            }
            requireGet(exchange);
            reply(exchange, 200, CONTENT_TYPE, registry.scrape(CONTENT_TYPE));
            return;
        }
        guard.requireLocal(exchange);
        Supplier<String> json = jsonPaths.get(path);
        if (json != null) {
            requireGet(exchange);
            reply(exchange, 200, JSON, json.get());
        } else if (control != null && path.startsWith(CONTROL_PREFIX)) {
            control(exchange, path);
        } else {
            reply(exchange, 404, "not found\n");
        }
    }

    private static void requireGet(HttpExchange exchange) throws RefusedRequest {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw RefusedRequest.methodNotAllowed("GET");
        }
    }

    private void control(HttpExchange exchange, String path) throws IOException, RefusedRequest {
        if (STATUS_PATH.equals(path)) {
            requireGet(exchange);
            guard.requireToken(exchange.getRequestHeaders());
            boolean tableHeld = TABLE_HELD_QUERY.equals(exchange.getRequestURI().getQuery());
            reply(exchange, 200, JSON, control.status(tableHeld).toJson() + "\n");
        } else if (SLOW_PATH.equals(path)) {
            guard.requireSameOriginPost(exchange);
            guard.requireToken(exchange.getRequestHeaders());
            FormParams params = FormParams.readBody(exchange).onlyThese("perRecordMs", "forMs");
            Duration perRecord = millis(params, "perRecordMs", ProcessingThrottle.MAX_PER_RECORD);
            Duration lasting = millis(params, "forMs", MAX_SLOW_DOWN);
            control.slowDown(perRecord, lasting);
            reply(exchange, 200, JSON, control.status().toJson() + "\n");
        } else {
            reply(exchange, 404, "not found\n");
        }
    }

    /**
     * A number of milliseconds in [0, max], decimals allowed, to nanosecond precision (half up).
     *
     * @throws RefusedRequest 400 when missing, not a number, negative or above {@code max}
     */
    static Duration millis(FormParams params, String name, Duration max) throws RefusedRequest {
        String value = params.required(name);
        BigDecimal ms;
        try {
            ms = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw RefusedRequest.badRequest(name + " must be a number of milliseconds");
        }
        BigDecimal maxMs = BigDecimal.valueOf(max.toNanos()).movePointLeft(6);
        if (ms.signum() < 0 || ms.compareTo(maxMs) > 0) {
            throw RefusedRequest.badRequest(name + " must be in [0, " + maxMs.stripTrailingZeros().toPlainString()
                    + "] ms, was " + ms.toPlainString());
        }
        return Duration.ofNanos(ms.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
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
     * service-discovery targets), to loopback callers only (see the class doc); 405 for other methods, a generic
     * 500 (the error logged) if {@code body} throws.
     */
    public void serveJson(String path, Supplier<String> body) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        if (path.equals(PATH) || path.startsWith(CONTROL_PREFIX) || !path.startsWith("/")) {
            throw new IllegalArgumentException(path + " is taken or not a path");
        }
        jsonPaths.put(path, body);
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

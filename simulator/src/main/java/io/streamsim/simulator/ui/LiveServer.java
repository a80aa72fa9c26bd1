package io.streamsim.simulator.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsim.simulator.report.HtmlReportPage;
import io.streamsim.simulator.run.RunControl;
import io.streamsim.simulator.run.RunControl.TimelineEvent;
import io.streamsim.simulator.run.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the live page of a running scenario on a loopback address:
 * <ul>
 *   <li>{@code GET /}: the page (the report's charts, redrawn as samples arrive, and the controls);</li>
 *   <li>{@code GET /events}: server-sent events, {@code reset} first, then one {@code sample} message per sample
 *       and one {@code timeline} message per fault or control, the history included, so a late viewer sees the
 *       whole run; {@code end} when the server closes;</li>
 *   <li>{@code POST /control/rate?factor=10} (0 &lt; factor &le; 100), {@code /control/scale-out},
 *       {@code /control/scale-in}, {@code /control/kill}, {@code /control/poison?records=100}
 *       (1 to 1,000,000): acts through the {@link RunControl}; 200 with JSON, 400 for a bad parameter, 409 when the
 *       run refuses (its message in {@code error}).</li>
 * </ul>
 * The controls kill processes and have no authentication, so the server binds to loopback only and refuses
 * requests whose {@code Host} is not a loopback name (DNS rebinding) and posts from another origin.
 */
public final class LiveServer implements AutoCloseable {

    static final double MAX_RATE_FACTOR = 100;
    static final int MAX_POISON_RECORDS = 1_000_000;
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunControl control;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Object signal = new Object();
    private final String page;
    private volatile boolean closed;
    private long version;

    private LiveServer(RunControl control, HttpServer server, ExecutorService executor) {
        this.control = control;
        this.server = server;
        this.executor = executor;
        this.page = LivePage.html(control.scenario());
    }

    /**
     * Starts serving {@code control}'s run.
     *
     * @param host a loopback address or name, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for a free one (see {@link #port()})
     * @throws IllegalArgumentException when {@code host} is not a loopback address
     */
    public static LiveServer start(RunControl control, String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the live page serves loopback only (its controls have no "
                    + "authentication); " + host + " is not a loopback address");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "streamsim-live-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        LiveServer live = new LiveServer(control, server, executor);
        server.createContext("/", live::handle);
        control.onSample(sample -> live.signal());
        server.start();
        return live;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** Ends every event stream (with an {@code end} message) and stops the server. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        signal();
        server.stop(1);
        executor.shutdownNow();
    }

    private void signal() {
        synchronized (signal) {
            version++;
            signal.notifyAll();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                respond(exchange, 403, error("the live page answers to loopback host names only"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/control/")) {
                if (!"POST".equals(method)) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    respond(exchange, 405, error("controls take POST"));
                } else if (!sameOrigin(exchange)) {
                    respond(exchange, 403, error("controls take posts from the live page only"));
                } else {
                    control(exchange, path.substring("/control/".length()));
                }
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, error("GET only"));
            } else if (path.equals("/")) {
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, "HEAD".equals(method) ? -1 : body.length);
                if (!"HEAD".equals(method)) {
                    exchange.getResponseBody().write(body);
                }
            } else if (path.equals("/events")) {
                events(exchange);
            } else {
                respond(exchange, 404, error("no such page: " + path));
            }
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int samplesSent = 0;
        int eventsSent = 0;
        long lastWrite = System.nanoTime();
        try {
            // A reconnecting EventSource gets the history again: reset tells the page to drop what it has.
            message(out, "reset", "{}");
            while (!closed) {
                long seen;
                synchronized (signal) {
                    seen = version;
                }
                List<Sample> samples = control.samples();
                List<TimelineEvent> timeline = control.timeline();
                boolean wrote = false;
                for (; samplesSent < samples.size(); samplesSent++) {
                    message(out, "sample", JSON.writeValueAsString(HtmlReportPage.sample(samples.get(samplesSent))));
                    wrote = true;
                }
                for (; eventsSent < timeline.size(); eventsSent++) {
                    message(out, "timeline", JSON.writeValueAsString(HtmlReportPage.event(timeline.get(eventsSent))));
                    wrote = true;
                }
                if (!wrote && System.nanoTime() - lastWrite > KEEPALIVE_NANOS) {
                    // A comment: finds out that a viewer has gone, so its thread ends.
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                    wrote = true;
                }
                if (wrote) {
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                synchronized (signal) {
                    if (version == seen && !closed) {
                        signal.wait(1000);
                    }
                }
            }
            message(out, "end", "{}");
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException viewerGone) {
            // The viewer closed the page: nothing to do but end this stream.
        }
    }

    private static void message(OutputStream out, String event, String json) throws IOException {
        out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void control(HttpExchange exchange, String action) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        ObjectNode result = JSON.createObjectNode().put("action", action);
        try {
            switch (action) {
                case "rate": {
                    double factor = parseDouble(query, "factor");
                    if (!(factor > 0 && factor <= MAX_RATE_FACTOR)) {
                        throw new BadRequest("factor must be above 0 and at most " + (int) MAX_RATE_FACTOR + ", was "
                                + query.get("factor"));
                    }
                    control.stepRate(factor);
                    result.put("factor", factor).put("result", "rate ×" + trim(factor));
                    break;
                }
                case "scale-out":
                    result.put("instance", control.scaleOut()).put("result", "started " + result.get("instance").asText());
                    break;
                case "scale-in":
                    result.put("instance", control.scaleIn()).put("result", "stopped " + result.get("instance").asText());
                    break;
                case "kill":
                    result.put("instance", control.killOne()).put("result", "killed " + result.get("instance").asText());
                    break;
                case "poison": {
                    int records = parseInt(query, "records");
                    if (records < 1 || records > MAX_POISON_RECORDS) {
                        throw new BadRequest("records must be 1 to " + MAX_POISON_RECORDS + ", was " + records);
                    }
                    control.poisonBurst(records);
                    result.put("records", records).put("result", "wrote " + records + " poison records");
                    break;
                }
                default:
                    respond(exchange, 404, error("no such control: " + action));
                    return;
            }
        } catch (BadRequest e) {
            respond(exchange, 400, error(e.getMessage()));
            return;
        } catch (IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
            respond(exchange, 409, error(e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        } catch (RuntimeException e) {
            respond(exchange, 500, error(e.toString()));
            return;
        }
        signal();
        respond(exchange, 200, result);
    }

    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    private static double parseDouble(Map<String, String> query, String name) throws BadRequest {
        String value = query.get(name);
        if (value == null) {
            throw new BadRequest(name + " is missing");
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number, was " + value);
        }
    }

    private static int parseInt(Map<String, String> query, String name) throws BadRequest {
        String value = query.get(name);
        if (value == null) {
            throw new BadRequest(name + " is missing");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number, was " + value);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return true;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(1, end);
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin == null || host != null && origin.equalsIgnoreCase("http://" + host);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

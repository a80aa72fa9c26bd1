package io.streamsim.simulator.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsim.simulator.report.HtmlReportPage;
import io.streamsim.simulator.run.RunControl;
import io.streamsim.simulator.run.RunControl.TimelineEvent;
import io.streamsim.simulator.run.Sample;
import io.streamsim.streams.http.FormParams;
import io.streamsim.streams.http.LoopbackGuard;
import io.streamsim.streams.http.RefusedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the live page of a running scenario on a loopback address:
 * <ul>
 *   <li>{@code GET /}: the page (the report's charts, redrawn as samples arrive, and the controls);</li>
 *   <li>{@code GET /events}: server-sent events, {@code reset} first, then one {@code sample} message per sample
 *       and one {@code timeline} message per fault or control, the history included, so a late viewer sees the
 *       whole run; {@code end} when the server closes. At most {@value #MAX_VIEWERS} streams at a time (each
 *       holds a thread); one more gets a 503 with a message, until one of them closes;</li>
 *   <li>{@code POST /control/rate} with the form body {@code factor=10}, {@code /control/scale-out},
 *       {@code /control/scale-in}, {@code /control/kill}, {@code /control/poison} with {@code records=100}: acts
 *       through the {@link RunControl}; 200 with JSON, 400 for a missing, unknown or out-of-bounds parameter, 409
 *       when the run refuses (its message in {@code error}).</li>
 * </ul>
 *
 * <p>Bounds, each a 400 naming it: the rate steps of this page together stay within 100 times
 * ({@link #MAX_RATE_FACTOR}) the scenario's own rate, up or down (x10, x10 is x100: a third x10 is refused, /10 is
 * not; from x1, x0.0001 is refused, x0.01 is not); the page adds
 * at most {@value #MAX_ADDED_INSTANCES} instances more than it removes (each is a JVM of up to 512 MiB); a poison
 * burst is 1 to {@value #MAX_POISON_RECORDS} records.
 *
 * <p>The controls kill processes and have no authentication, so the server binds to one of
 * {@link LoopbackGuard#LOOPBACK_NAMES} only and applies {@link LoopbackGuard}'s checks: every request needs
 * {@code Host} {@code 127.0.0.1:PORT}, {@code localhost:PORT} or {@code [::1]:PORT} (else 421: DNS rebinding),
 * and a control a {@code POST} with the page's own {@code Origin} (else 403: another site's form or script) and
 * its parameters in a form body, not the query string (else 400). An unexpected error is logged and answered 500
 * with a generic message.
 */
public final class LiveServer implements AutoCloseable {

    static final double MAX_RATE_FACTOR = 100;
    static final int MAX_ADDED_INSTANCES = 8;
    static final int MAX_POISON_RECORDS = 1_000_000;
    static final int MAX_VIEWERS = 8;
    /** Threads for the page and the controls, beside the viewers' streams. */
    private static final int REQUEST_THREADS = 4;
    private static final Set<String> ACTIONS = Set.of("rate", "scale-out", "scale-in", "kill", "poison");
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(LiveServer.class);

    private final RunControl control;
    private final HttpServer server;
    private final ExecutorService executor;
    private final LoopbackGuard guard;
    private final Semaphore viewers = new Semaphore(MAX_VIEWERS);
    private final Object signal = new Object();
    private final Object controls = new Object();
    private final String page;
    private volatile boolean closed;
    private long version;
    // Guarded by controls: what this page's presses have done so far, for the bounds.
    private double rateFactor = 1;
    private int addedInstances;

    private LiveServer(RunControl control, HttpServer server, ExecutorService executor) {
        this.control = control;
        this.server = server;
        this.executor = executor;
        this.guard = LoopbackGuard.forPort(server.getAddress().getPort());
        this.page = LivePage.html(control.scenario());
    }

    /**
     * Starts serving {@code control}'s run.
     *
     * @param host one of {@link LoopbackGuard#LOOPBACK_NAMES}: {@code 127.0.0.1}, {@code localhost} or {@code ::1}
     * @param port the port, 0 for a free one (see {@link #port()})
     * @throws IllegalArgumentException when {@code host} is not one of those
     */
    public static LiveServer start(RunControl control, String host, int port) throws IOException {
        InetAddress address = LoopbackGuard.isLoopbackName(host) ? InetAddress.getByName(host) : null;
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the live page serves loopback only (its controls have no "
                    + "authentication): " + String.join(", ", LoopbackGuard.LOOPBACK_NAMES) + "; " + host
                    + " is none of them");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(MAX_VIEWERS + REQUEST_THREADS, r -> {
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

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}: a Host the server answers to. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress() instanceof Inet6Address ? "[::1]" : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + "/");
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
            try {
                guard.requireLocal(exchange);
                route(exchange);
            } catch (RefusedRequest r) {
                r.headers().forEach(exchange.getResponseHeaders()::set);
                respond(exchange, r.status(), error(r.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                respond(exchange, 500, error("internal error (the simulator's log has the details)"));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, RefusedRequest {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.startsWith("/control/")) {
            String action = path.substring("/control/".length());
            if (!ACTIONS.contains(action)) {
                respond(exchange, 404, error("no such control: " + action));
                return;
            }
            guard.requireSameOriginPost(exchange);
            control(exchange, action, FormParams.readBody(exchange));
            return;
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            throw RefusedRequest.methodNotAllowed("GET");
        }
        if (path.equals("/")) {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, "HEAD".equals(method) ? -1 : body.length);
            if (!"HEAD".equals(method)) {
                exchange.getResponseBody().write(body);
            }
        } else if (path.equals("/events")) {
            if (!viewers.tryAcquire()) {
                throw new RefusedRequest(503, "the live page has " + MAX_VIEWERS + " viewers already, the most "
                        + "it serves at once; close one and reload", Map.of("Retry-After", "5"));
            }
            try {
                events(exchange);
            } finally {
                viewers.release();
            }
        } else {
            respond(exchange, 404, error("no such page: " + path));
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
        } catch (RuntimeException e) {
            // The headers are out: all that is left is to end the stream (the page says it was disconnected).
            LOG.warn("A live event stream failed", e);
        }
    }

    private static void message(OutputStream out, String event, String json) throws IOException {
        out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void control(HttpExchange exchange, String action, FormParams params) throws IOException, RefusedRequest {
        ObjectNode result = JSON.createObjectNode().put("action", action);
        try {
            // One control at a time: the bounds hold for what this page has done, which a second press must see.
            synchronized (controls) {
                act(action, params, result);
            }
        } catch (IllegalStateException e) {
            // The run's refusal (RunControl's contract): its message is meant for the presenter.
            respond(exchange, 409, error(e.getMessage() == null ? "the run refused" : e.getMessage()));
            return;
        }
        signal();
        respond(exchange, 200, result);
    }

    private void act(String action, FormParams params, ObjectNode result) throws RefusedRequest {
        switch (action) {
            case "rate" -> {
                double factor = parseDouble(params.onlyThese("factor"), "factor");
                double net = rateFactor * factor;
                if (!(factor > 0) || Double.isInfinite(factor)
                        || net > MAX_RATE_FACTOR * (1 + 1e-9) || net < 1 / MAX_RATE_FACTOR * (1 - 1e-9)) {
                    throw RefusedRequest.badRequest("the page's rate steps stay within x" + trim(1 / MAX_RATE_FACTOR)
                            + " and x" + trim(MAX_RATE_FACTOR) + " of the scenario's rate in all; at x"
                            + trim(rateFactor) + " now, factor must be in [" + trim(1 / MAX_RATE_FACTOR / rateFactor)
                            + ", " + trim(MAX_RATE_FACTOR / rateFactor) + "], was " + params.required("factor"));
                }
                control.stepRate(factor);
                rateFactor = net;
                result.put("factor", factor).put("result", "rate ×" + trim(factor));
            }
            case "scale-out" -> {
                params.onlyThese();
                if (addedInstances >= MAX_ADDED_INSTANCES) {
                    throw RefusedRequest.badRequest("the page has added " + addedInstances + " instances more than it "
                            + "removed, the most it may; remove one first");
                }
                String name = control.scaleOut();
                addedInstances++;
                result.put("instance", name).put("result", "started " + name);
            }
            case "scale-in" -> {
                params.onlyThese();
                String name = control.scaleIn();
                addedInstances = Math.max(0, addedInstances - 1);
                result.put("instance", name).put("result", "stopped " + name);
            }
            case "kill" -> {
                params.onlyThese();
                String name = control.killOne();
                result.put("instance", name).put("result", "killed " + name);
            }
            case "poison" -> {
                int records = parseInt(params.onlyThese("records"), "records");
                if (records < 1 || records > MAX_POISON_RECORDS) {
                    throw RefusedRequest.badRequest("records must be 1 to " + MAX_POISON_RECORDS + ", was " + records);
                }
                control.poisonBurst(records);
                result.put("records", records).put("result", "wrote " + records + " poison records");
            }
            default -> throw new IllegalArgumentException("not an action: " + action);
        }
    }

    private static double parseDouble(FormParams params, String name) throws RefusedRequest {
        String value = params.required(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw RefusedRequest.badRequest(name + " must be a number, was " + value);
        }
    }

    private static int parseInt(FormParams params, String name) throws RefusedRequest {
        String value = params.required(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw RefusedRequest.badRequest(name + " must be a whole number, was " + value);
        }
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

    /** {@code v} to six significant digits, without trailing zeros: 10, 0.1, 0.001 (not 0.0010000000000000002). */
    private static String trim(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}

package io.streamsim.simulator.instances;

import io.streamsim.streams.MetricsServer;
import io.streamsim.streams.http.FormParams;
import io.streamsim.streams.http.LoopbackGuard;
import io.streamsim.streams.AppStatus;
import io.streamsim.streams.TableStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app instance in its own JVM (see the package doc for the protocol). Thread-safe.
 */
public final class ChildJvmAppInstance implements AppInstance {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvmAppInstance.class);
    private static final String PREFIX = "streamsim-app ";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    /** Counting the table store iterates it (and, versioned, reads the reference partitions): more than a poll. */
    private static final Duration HELD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REAP_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "streamsim-app-instance-reaper"));
    }

    private final String name;
    private final AppLaunch launch;
    private final HttpClient http;
    private final Object lock = new Object();
    private volatile InstanceStatus earlierLives = InstanceStatus.NONE;
    private final List<TableStatus> earlierTables = new CopyOnWriteArrayList<>();
    private volatile Life life;

    public ChildJvmAppInstance(String name, AppLaunch launch) {
        this.name = Objects.requireNonNull(name, "name");
        this.launch = Objects.requireNonNull(launch, "launch");
        this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    }

    /** One run of the child process; a restart makes a new one. */
    private static final class Life {
        final Process process;
        final Thread reader;
        volatile int port = -1;
        volatile String reportedState = InstanceStatus.STARTING;
        volatile InstanceStatus last = InstanceStatus.NONE;
        volatile TableStatus lastTable;
        volatile String endState;

        Life(Process process, Thread reader) {
            this.process = process;
            this.reader = reader;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        synchronized (lock) {
            Life previous = life;
            if (previous != null && previous.process.isAlive()) {
                throw new IllegalStateException(name + " is running (pid " + previous.process.pid() + ")");
            }
            try {
                Files.createDirectories(launch.stateDir(name));
                Files.createDirectories(launch.logDir());
                ProcessBuilder builder = new ProcessBuilder(launch.command(name, ProcessHandle.current().pid()))
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.PIPE);
                builder.environment().putAll(launch.environment());
                Process process = builder.start();
                LIVE.add(process);
                process.onExit().thenRun(() -> LIVE.remove(process));
                Life[] holder = new Life[1];
                Thread reader = new Thread(() -> readOutput(holder[0]), name + "-output");
                reader.setDaemon(true);
                Life started = new Life(process, reader);
                holder[0] = started;
                if (previous != null) {
                    earlierLives = earlierLives.plus(previous.last, InstanceStatus.NOT_STARTED, false);
                    if (previous.lastTable != null) {
                        earlierTables.add(previous.lastTable);
                    }
                }
                life = started;
                reader.start();
                LOG.info("Started {} (pid {}), log {}", name, process.pid(), launch.logFile(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }
    }

    /** Copies everything the child writes to its log file and picks out the lines meant for us. */
    private void readOutput(Life l) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(l.process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(launch.logFile(name), StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(PREFIX)) {
                    onLine(l, line.substring(PREFIX.length()));
                }
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException e) {
            LOG.debug("Output of {} ended: {}", name, e.toString());
        }
    }

    private void onLine(Life l, String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return;
        }
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1).trim();
        switch (key) {
            case "metrics-port" -> l.port = Integer.parseInt(value);
            case "state" -> l.reportedState = value;
            case "final-status" -> {
                try {
                    l.last = parse(value, false);
                    keepTable(l, AppStatus.fromJson(value).table());
                } catch (IOException e) {
                    LOG.warn("Unreadable final status from {}: {}", name, value);
                }
            }
            default -> {
                // A newer child may say more; what we do not know we leave in the log.
            }
        }
    }

    @Override
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Life l = life;
            if (l != null) {
                if (l.port > 0 && InstanceStatus.RUNNING.equals(l.reportedState)) {
                    return true;
                }
                if (!l.process.isAlive()) {
                    return false;
                }
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void kill() {
        end(InstanceStatus.KILLED, Duration.ZERO);
    }

    @Override
    public void stop(Duration timeout) {
        end(InstanceStatus.STOPPED, timeout);
    }

    private void end(String endState, Duration gracePeriod) {
        synchronized (lock) {
            Life l = life;
            if (l == null || !l.process.isAlive()) {
                return;
            }
            refresh(l);
            l.endState = endState;
            try {
                if (!gracePeriod.isZero()) {
                    l.process.destroy();
                    if (!l.process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                        LOG.warn("{} did not stop within {}s; killing it", name, gracePeriod.toSeconds());
                        l.endState = InstanceStatus.KILLED;
                    }
                }
                l.process.destroyForcibly();
                if (!l.process.waitFor(REAP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} (pid {}) still there {}s after SIGKILL", name, l.process.pid(), REAP_TIMEOUT.toSeconds());
                }
                // The final-status line may still be in the pipe.
                l.reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("{} {} (exit status {})", name, endState.toLowerCase(java.util.Locale.ROOT),
                    l.process.isAlive() ? "?" : Integer.toString(l.process.exitValue()));
        }
    }

    @Override
    public void restart() {
        start();
    }

    @Override
    public boolean isAlive() {
        Life l = life;
        return l != null && l.process.isAlive();
    }

    @Override
    public InstanceStatus status() {
        Life l;
        InstanceStatus earlier;
        // start() moves the previous life's counts into earlierLives and replaces life under the lock: read both
        // together, or a restart in between would count the previous life twice.
        synchronized (lock) {
            l = life;
            earlier = earlierLives;
        }
        if (l == null) {
            return InstanceStatus.NONE;
        }
        boolean alive = l.process.isAlive();
        String state;
        if (alive) {
            refresh(l);
            state = l.last.state().equals(InstanceStatus.NOT_STARTED) ? l.reportedState : l.last.state();
        } else {
            state = l.endState != null ? l.endState : InstanceStatus.EXITED;
        }
        return earlier.plus(l.last, state, alive && l.process.isAlive());
    }

    /** Asks the child for its counts; keeps the last answer when it does not answer. */
    private void refresh(Life l) {
        if (l.port <= 0 || !l.process.isAlive()) {
            return;
        }
        try {
            HttpResponse<String> response = http.send(control(l, MetricsServer.STATUS_PATH).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                l.last = parse(response.body(), true);
                keepTable(l, AppStatus.fromJson(response.body()).table());
            }
        } catch (IOException e) {
            LOG.debug("{} did not answer: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The child's {@link AppStatus} JSON, from {@code GET /control/status} or its {@code final-status} line. */
    static InstanceStatus parse(String json, boolean alive) throws IOException {
        AppStatus s = AppStatus.fromJson(json);
        return new InstanceStatus(s.processed(), s.droppedLateApp(), s.droppedLateKafka(), s.deadLettered(),
                s.rebalances(), s.state(), alive, InstanceStatus.cpu(s.appThreadsCpuSeconds()));
    }

    @Override
    public void slowDown(Duration perRecord, Duration lasting) {
        Life l = life;
        if (l == null || !l.process.isAlive() || l.port <= 0) {
            LOG.info("{} is not running: no slow-down", name);
            return;
        }
        String form = "perRecordMs=" + millis(perRecord) + "&forMs=" + millis(lasting);
        try {
            HttpResponse<String> response = http.send(control(l, MetricsServer.SLOW_PATH)
                            .header("Content-Type", FormParams.CONTENT_TYPE)
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400) {
                throw new IllegalArgumentException(name + " refused the slow-down: " + response.body().trim());
            }
            if (response.statusCode() != 200) {
                LOG.warn("{} answered {} to a slow-down: {}", name, response.statusCode(), response.body().trim());
            }
        } catch (IOException e) {
            LOG.warn("Could not slow {} down: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String millis(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(6).stripTrailingZeros().toPlainString();
    }

    /** A request to the child's {@code path} with what its guard asks: a same-origin Origin and the run's token. */
    private HttpRequest.Builder control(Life l, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + l.port + path))
                .timeout(HTTP_TIMEOUT);
        LoopbackGuard.forPort(l.port).withToken(launch.controlToken()).controlHeaders().forEach(request::header);
        return request;
    }

    @Override
    public OptionalInt metricsPort() {
        Life l = life;
        return l != null && l.process.isAlive() && l.port > 0 ? OptionalInt.of(l.port) : OptionalInt.empty();
    }

    @Override
    public OptionalInt exitCode() {
        Life l = life;
        return l == null || l.process.isAlive() ? OptionalInt.empty() : OptionalInt.of(l.process.exitValue());
    }

    /** The pid of the current or last life; -1 before the first start. */
    public long pid() {
        Life l = life;
        return l == null ? -1 : l.process.pid();
    }

    /** Keeps a life's latest table report, and the store count it last gave when the new report has none. */
    private static void keepTable(Life l, TableStatus table) {
        if (table == null) {
            return;
        }
        TableStatus before = l.lastTable;
        l.lastTable = table.held() == null && before != null && before.held() != null
                ? table.withHeld(before.held()) : table;
    }

    @Override
    public List<TableStatus> tableLives() {
        Life l;
        List<TableStatus> all;
        synchronized (lock) {
            l = life;
            all = new ArrayList<>(earlierTables);
        }
        if (l != null) {
            refresh(l);
            if (l.lastTable != null) {
                all.add(l.lastTable);
            }
        }
        return all;
    }

    @Override
    public Optional<TableStatus.Held> tableHeld() {
        Life l = life;
        if (l == null || l.port <= 0 || !l.process.isAlive()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = http.send(control(l, MetricsServer.STATUS_PATH + "?"
                    + MetricsServer.TABLE_HELD_QUERY).timeout(HELD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            keepTable(l, AppStatus.fromJson(response.body()).table());
            return Optional.ofNullable(l.lastTable).map(TableStatus::held);
        } catch (IOException e) {
            LOG.warn("{} did not count its table: {}", name, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

package io.streamsim.simulator.instances;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsim.streams.AppStatus;
import io.streamsim.streams.MetricsServer;
import io.streamsim.streams.PrometheusRegistries;
import io.streamsim.streams.StreamsApp;
import io.streamsim.streams.StreamsAppConfig;
import io.streamsim.streams.ThreadRatios;
import io.streamsim.streams.StreamsAppMain;
import io.streamsim.streams.TableStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app instance as a Kafka Streams client in this JVM: the same {@link StreamsApp}, config and HTTP endpoints
 * (on 127.0.0.1, an ephemeral port per life) as a child JVM started with the same {@link AppLaunch}, without a
 * process of its own.
 *
 * <p>Why: on two cores each child JVM compiled the broker-facing client code again (measured: 93 s of JIT time in
 * the first 110 s of one child, the simulator's JVM 106 s; JIT threads took 68% of a core at a steady 10,000
 * events/s) and needed 10.6 s to start. In-process instances share the simulator's warm code and start in well
 * under a second. The price is that they cannot crash: {@link #kill()} refuses, and a run whose faults kill an
 * instance uses {@link ChildJvmAppInstance}s instead. {@link #stop(Duration)} and {@link #restart()} behave as
 * for a child: close within the timeout, leaving the group; start again on the same state directory.
 */
public final class InProcessAppInstance implements AppInstance {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessAppInstance.class);

    private final String name;
    private final AppLaunch launch;
    private final Object lock = new Object();
    private volatile InstanceStatus earlierLives = InstanceStatus.NONE;
    private final List<TableStatus> earlierTables = new CopyOnWriteArrayList<>();
    private volatile Life life;

    public InProcessAppInstance(String name, AppLaunch launch) {
        this.name = Objects.requireNonNull(name, "name");
        this.launch = Objects.requireNonNull(launch, "launch");
    }

    /** One start-to-stop of the Kafka Streams client; a restart makes a new one. */
    private static final class Life {
        final StreamsApp app;
        final PrometheusMeterRegistry registry;
        final MetricsServer server;
        volatile InstanceStatus last = InstanceStatus.NONE;
        volatile TableStatus lastTable;
        volatile String endState;
        volatile int exitCode = -1;

        Life(StreamsApp app, PrometheusMeterRegistry registry, MetricsServer server) {
            this.app = app;
            this.registry = registry;
            this.server = server;
        }

        boolean alive() {
            if (endState != null) {
                return false;
            }
            KafkaStreams.State s = app.state();
            return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.PENDING_ERROR
                    && s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_SHUTDOWN;
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
            if (previous != null && previous.alive()) {
                throw new IllegalStateException(name + " is running");
            }
            StreamsAppConfig config = StreamsAppMain.configFor(launch.arguments(name, ProcessHandle.current().pid()));
            PrometheusMeterRegistry registry = PrometheusRegistries.create();
            StreamsApp app = null;
            try {
                Files.createDirectories(launch.stateDir(name));
                app = new StreamsApp(config, registry);
                MetricsServer server = MetricsServer.start(registry, MetricsServer.DEFAULT_HOST, 0, app,
                        Optional.of(launch.controlToken()));
                StreamsApp serving = app;
                server.serveJson(ThreadRatios.PATH, () -> ThreadRatios.toJson(serving.threadRatios()));
                Life started = new Life(app, registry, server);
                if (previous != null) {
                    earlierLives = earlierLives.plus(previous.last, InstanceStatus.NOT_STARTED, false);
                    if (previous.lastTable != null) {
                        earlierTables.add(previous.lastTable);
                    }
                }
                life = started;
                app.start();
                LOG.info("Started {} in this JVM, metrics on port {}", name, server.port());
            } catch (IOException e) {
                if (app != null) {
                    app.close(Duration.ZERO);
                }
                registry.close();
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }
    }

    @Override
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        Life l = life;
        return l != null && l.endState == null && l.app.awaitRunning(timeout);
    }

    /** @throws UnsupportedOperationException always: only a process can crash; see the class doc */
    @Override
    public void kill() {
        throw new UnsupportedOperationException(name + " runs in the simulator's JVM and cannot be killed (SIGKILL "
                + "needs a process of its own: run with --app-jvms)");
    }

    @Override
    public void stop(Duration timeout) {
        synchronized (lock) {
            Life l = life;
            if (l == null || l.endState != null) {
                return;
            }
            l.last = statusOf(l, true);
            boolean closed = l.app.close(timeout);
            l.server.close();
            l.registry.close();
            l.last = statusOf(l, false);
            l.exitCode = closed && l.app.failure().isEmpty() ? 0 : 1;
            l.endState = InstanceStatus.STOPPED;
            LOG.info("{} stopped ({})", name, closed ? "closed" : "close timed out");
        }
    }

    @Override
    public void restart() {
        start();
    }

    @Override
    public boolean isAlive() {
        Life l = life;
        return l != null && l.alive();
    }

    @Override
    public InstanceStatus status() {
        Life l;
        InstanceStatus earlier;
        synchronized (lock) {
            l = life;
            earlier = earlierLives;
        }
        if (l == null) {
            return InstanceStatus.NONE;
        }
        if (l.endState != null) {
            return earlier.plus(l.last, l.endState, false);
        }
        boolean alive = l.alive();
        l.last = statusOf(l, alive);
        return earlier.plus(l.last, alive ? l.last.state() : InstanceStatus.EXITED, alive);
    }

    private static InstanceStatus statusOf(Life l, boolean alive) {
        AppStatus s = l.app.status();
        l.lastTable = s.table();
        return new InstanceStatus(s.processed(), s.droppedLateApp(), s.droppedLateKafka(), s.deadLettered(),
                s.rebalances(), s.state(), alive, InstanceStatus.cpu(s.appThreadsCpuSeconds()));
    }

    @Override
    public void slowDown(Duration perRecord, Duration lasting) {
        Life l = life;
        if (l == null || !l.alive()) {
            LOG.info("{} is not running: no slow-down", name);
            return;
        }
        l.app.slowDown(perRecord, lasting);
    }

    @Override
    public OptionalInt metricsPort() {
        Life l = life;
        return l != null && l.alive() ? OptionalInt.of(l.server.port()) : OptionalInt.empty();
    }

    @Override
    public OptionalInt exitCode() {
        Life l = life;
        if (l == null || l.alive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(l.exitCode >= 0 ? l.exitCode : 1);
    }

    @Override
    public List<TableStatus> tableLives() {
        synchronized (lock) {
            List<TableStatus> all = new ArrayList<>(earlierTables);
            Life l = life;
            if (l != null) {
                if (l.endState == null) {
                    l.lastTable = l.app.status().table();
                }
                if (l.lastTable != null) {
                    all.add(l.lastTable);
                }
            }
            return all;
        }
    }

    @Override
    public Optional<TableStatus.Held> tableHeld() {
        Life l = life;
        if (l == null || !l.alive()) {
            return Optional.empty();
        }
        TableStatus table = l.app.status(true).table();
        if (table != null) {
            l.lastTable = table;
        }
        return Optional.ofNullable(table).map(TableStatus::held);
    }
}

package io.streamsim.simulator.instances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app instances of one run (one application id), by name: {@code app-instance-1}, {@code -2}, ... in start
 * order; {@link #scaleOut(int)} numbers on after the highest. Instances are never forgotten, so
 * {@link #totals()} covers every instance ever started, dead ones at their last known values.
 */
public final class AppInstances implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppInstances.class);
    /** How long {@link #close()} gives all instances together to close before killing the rest. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Function<String, AppInstance> factory;
    private final Map<String, AppInstance> instances = new LinkedHashMap<>();
    private final Placement placement;
    private int lastNumber;

    /** Child JVMs launched as {@code launch} says. */
    public AppInstances(AppLaunch launch) {
        this(name -> new ChildJvmAppInstance(name, launch));
        Objects.requireNonNull(launch, "launch");
    }

    /**
     * Where the instances of a run live. {@link #IN_PROCESS} costs far less on a small machine (one JVM's JIT and
     * warm code for broker, producers and app) but cannot crash; {@link #CHILD_JVMS} makes a kill a real SIGKILL.
     */
    public enum Placement {
        IN_PROCESS, CHILD_JVMS
    }

    /** Instances launched as {@code launch} says, placed as {@code placement} says. */
    public static AppInstances of(AppLaunch launch, Placement placement) {
        Objects.requireNonNull(launch, "launch");
        return switch (Objects.requireNonNull(placement, "placement")) {
            case IN_PROCESS -> new AppInstances(name -> new InProcessAppInstance(name, launch), placement);
            case CHILD_JVMS -> new AppInstances(launch);
        };
    }

    /** Where these instances live. */
    public Placement placement() {
        return placement;
    }

    AppInstances(Function<String, AppInstance> factory) {
        this(factory, Placement.CHILD_JVMS);
    }

    private AppInstances(Function<String, AppInstance> factory, Placement placement) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.placement = placement;
    }

    public static String name(int number) {
        return "app-instance-" + number;
    }

    /**
     * Starts {@code n} instances without waiting for them ({@link #awaitAllRunning(Duration)} does).
     *
     * @return their names
     * @throws IllegalStateException when instances were started before
     */
    public synchronized List<String> startInitial(int n) {
        if (!instances.isEmpty()) {
            throw new IllegalStateException("instances already started: " + instances.keySet());
        }
        return scaleOut(n);
    }

    /** Starts {@code n} more instances, numbered after the highest so far; returns their names. */
    public synchronized List<String> scaleOut(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = name(++lastNumber);
            AppInstance instance = factory.apply(name);
            instances.put(name, instance);
            instance.start();
            names.add(name);
        }
        return names;
    }

    /** True once every live instance reports RUNNING, false on timeout or when one has died. */
    public boolean awaitAllRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (AppInstance instance : snapshot()) {
            if (instance.isAlive() || instance.exitCode().isEmpty()) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!instance.awaitRunning(Duration.ofNanos(left))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @throws NoSuchElementException for a name never started */
    public synchronized AppInstance get(String name) {
        AppInstance instance = instances.get(name);
        if (instance == null) {
            throw new NoSuchElementException("no " + name + "; instances: " + instances.keySet());
        }
        return instance;
    }

    public synchronized List<String> names() {
        return List.copyOf(instances.keySet());
    }

    /** The {@code /metrics} port on 127.0.0.1 of every live instance that has said where it listens, by name. */
    public synchronized Map<String, Integer> metricsPorts() {
        Map<String, Integer> ports = new TreeMap<>();
        instances.forEach((name, instance) -> instance.metricsPort().ifPresent(port -> ports.put(name, port)));
        return ports;
    }

    /** SIGKILL of {@code name}. */
    public void kill(String name) {
        get(name).kill();
    }

    /** Graceful stop of {@code name} (at most {@link #STOP_TIMEOUT}, killed after). */
    public void stop(String name) {
        get(name).stop(STOP_TIMEOUT);
    }

    /** Starts a killed or stopped {@code name} again, with its state directory. */
    public void restart(String name) {
        get(name).restart();
    }

    /** Every instance ever started, in start order. */
    public Map<String, InstanceStatus> statuses() {
        Map<String, InstanceStatus> statuses = new LinkedHashMap<>();
        for (AppInstance instance : snapshot()) {
            statuses.put(instance.name(), instance.status());
        }
        return statuses;
    }

    /**
     * Counts summed over every instance ever started; {@code state} says how many are RUNNING out of how many
     * are alive ({@code "2/3 RUNNING"}), {@code alive} whether any is.
     */
    public InstanceStatus totals() {
        return totals(statuses().values());
    }

    /** Counts summed over {@code statuses}; see {@link #totals()}. */
    public static InstanceStatus totals(Iterable<InstanceStatus> statuses) {
        InstanceStatus sum = InstanceStatus.NONE;
        int alive = 0;
        int running = 0;
        for (InstanceStatus s : statuses) {
            sum = sum.plus(s, "", false);
            if (s.alive()) {
                alive++;
                if (InstanceStatus.RUNNING.equals(s.state())) {
                    running++;
                }
            }
        }
        return sum.plus(InstanceStatus.NONE, running + "/" + alive + " RUNNING", alive > 0);
    }

    /** Slows every live instance down; instances started later are not. */
    public void slowDownAll(Duration perRecord, Duration lasting) {
        for (AppInstance instance : snapshot()) {
            if (instance.isAlive()) {
                instance.slowDown(perRecord, lasting);
            }
        }
    }

    private synchronized List<AppInstance> snapshot() {
        return List.copyOf(instances.values());
    }

    /** Stops all live instances in parallel, at most {@link #CLOSE_TIMEOUT}; kills what is left. */
    @Override
    public void close() {
        List<Thread> stoppers = new ArrayList<>();
        for (AppInstance instance : snapshot()) {
            // An in-process instance that failed is not alive but still holds its endpoint and Streams client.
            if (instance.isAlive() || instance instanceof InProcessAppInstance) {
                Thread t = new Thread(() -> instance.stop(CLOSE_TIMEOUT), "stop-" + instance.name());
                t.setDaemon(true);
                t.start();
                stoppers.add(t);
            }
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.plusSeconds(5).toNanos();
        for (Thread t : stoppers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (AppInstance instance : snapshot()) {
            if (instance.isAlive() && instance instanceof ChildJvmAppInstance) {
                LOG.warn("{} still alive after close; killing it", instance.name());
                instance.kill();
            }
        }
    }
}

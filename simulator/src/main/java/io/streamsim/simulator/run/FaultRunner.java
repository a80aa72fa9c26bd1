package io.streamsim.simulator.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamsim.model.scenario.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a scenario's fault timeline: each fault at its offset from the start of the load, on one thread,
 * in order. A fault that cannot be applied is recorded with its error; the run goes on.
 */
final class FaultRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultRunner.class);

    /** What the faults do to the pipeline; implemented by the run. */
    interface Actions {
        void kill(String target) throws Exception;

        void stop(String target) throws Exception;

        void restart(String target) throws Exception;

        List<String> startInstances(int instances) throws Exception;

        void pauseProducers(Duration lasting);

        void slowProcessing(Duration perRecord, Duration lasting) throws Exception;

        void writePoison(int records) throws Exception;

        void clockSkew(int shard, Duration offset, Duration lasting);

        /** Multiplies the producers' rate from now on. */
        void changeRate(double factor);

        /** Writes a backfill's historical events into the input topic; returns once they are acknowledged. */
        default void backfill(Fault.Backfill backfill, double atSeconds) throws Exception {
            throw new UnsupportedOperationException("backfill");
        }

        /** Stops the app, resets its offsets and state as Kafka's reset tool does, and starts it again. */
        default void replay(Fault.Replay replay, double atSeconds) throws Exception {
            throw new UnsupportedOperationException("replay");
        }
    }

    /**
     * A fault as it was applied.
     *
     * @param atSeconds   when it was applied, from the start of the load
     * @param tookSeconds how long applying it took (e.g. a graceful stop)
     * @param result      what it came to
     */
    record Applied(Fault fault, double atSeconds, double tookSeconds, FaultOutcome result) {

        /** The result as the summary and the timeline show it. */
        String outcome() {
            return result.describe();
        }

        boolean failed() {
            return result instanceof FaultOutcome.Failed;
        }
    }

    private final List<Fault> faults;
    private final Actions actions;
    private final LongSupplier nanoTime;
    private final MeterRegistry registry;
    private final List<Applied> applied = new ArrayList<>();
    private final ScheduledThreadPoolExecutor executor = newExecutor();
    private long startNanos;

    FaultRunner(List<Fault> faults, Actions actions, LongSupplier nanoTime) {
        this(faults, actions, nanoTime, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /**
     * Counts applied faults as {@code streamsim.faults.applied{fault, target}} (Grafana's fault annotations). The
     * timeline's own faults are registered at 0 up front, so that a rate over the counter sees the first one.
     */
    FaultRunner(List<Fault> faults, Actions actions, LongSupplier nanoTime, MeterRegistry registry) {
        this.faults = List.copyOf(faults);
        this.actions = actions;
        this.nanoTime = nanoTime;
        this.registry = registry;
        for (Fault f : this.faults) {
            counter(f);
        }
    }

    private Counter counter(Fault fault) {
        return Counter.builder("streamsim.faults.applied")
                .description("Faults of the timeline and controls of the live page, applied")
                .tag("fault", fault.action())
                .tag("target", target(fault))
                .register(registry);
    }

    /** The app instance or broker a fault acts on; "pipeline" for the others. */
    static String target(Fault fault) {
        if (fault instanceof Fault.Kill k) {
            return k.target();
        }
        if (fault instanceof Fault.Stop s) {
            return s.target();
        }
        if (fault instanceof Fault.Restart r) {
            return r.target();
        }
        return "pipeline";
    }

    private static ScheduledThreadPoolExecutor newExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "streamsim-faults");
            t.setDaemon(true);
            return t;
        });
        // On close, faults not yet due are dropped; only one being applied is let finish.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Schedules every fault relative to {@code startNanos} (the start of the load, on {@code nanoTime}'s clock). */
    void start(long startNanos) {
        this.startNanos = startNanos;
        for (Fault fault : faults) {
            long delay = startNanos + fault.at().toNanos() - nanoTime.getAsLong();
            executor.schedule(() -> apply(fault), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    /** Applies one fault now; public to the package for tests. */
    Applied apply(Fault fault) {
        long begin = nanoTime.getAsLong();
        FaultOutcome outcome = new FaultOutcome.Done();
        try {
            if (fault instanceof Fault.Kill k) {
                actions.kill(k.target());
            } else if (fault instanceof Fault.Stop s) {
                actions.stop(s.target());
            } else if (fault instanceof Fault.Restart r) {
                actions.restart(r.target());
            } else if (fault instanceof Fault.ScaleOut s) {
                outcome = new FaultOutcome.Started(actions.startInstances(s.instances()));
            } else if (fault instanceof Fault.PauseProducers p) {
                actions.pauseProducers(p.lasting());
            } else if (fault instanceof Fault.SlowProcessing s) {
                actions.slowProcessing(s.perRecord(), s.lasting());
            } else if (fault instanceof Fault.PoisonBurst p) {
                actions.writePoison(p.records());
            } else if (fault instanceof Fault.ClockSkew c) {
                actions.clockSkew(c.shard(), c.offset(), c.lasting());
            } else if (fault instanceof Fault.RateStep r) {
                actions.changeRate(r.factor());
            } else if (fault instanceof Fault.Backfill b) {
                actions.backfill(b, (begin - startNanos) / 1e9);
            } else if (fault instanceof Fault.Replay r) {
                actions.replay(r, (begin - startNanos) / 1e9);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Fault '{}' failed: {}", fault.describe(), e.toString());
            outcome = new FaultOutcome.Failed(e.toString());
        }
        long end = nanoTime.getAsLong();
        counter(fault).increment();
        Applied a = new Applied(fault, (begin - startNanos) / 1e9, (end - begin) / 1e9, outcome);
        synchronized (applied) {
            applied.add(a);
        }
        return a;
    }

    /**
     * Applies a fault that is not on the scenario's timeline (a control pressed on the live page) as soon as the
     * faults before it are done, and waits for it.
     */
    Applied applyNow(Fault fault) throws InterruptedException {
        return applyNowIf(fault, () -> true).orElseThrow();
    }

    /**
     * Like {@link #applyNow}, but asks {@code stillWanted} first, on the faults' thread once the faults before it
     * are done: a decision taken a moment ago (the lag rule's) is checked against what those faults did (a timed
     * scale-out in the same second). Empty when it was no longer wanted.
     */
    Optional<Applied> applyNowIf(Fault fault, BooleanSupplier stillWanted) throws InterruptedException {
        Future<Optional<Applied>> done = executor.submit(
                () -> stillWanted.getAsBoolean() ? Optional.of(apply(fault)) : Optional.<Applied>empty());
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The faults applied so far, in the order they were applied. */
    List<Applied> applied() {
        synchronized (applied) {
            return List.copyOf(applied);
        }
    }

    /**
     * Lets a fault that is being applied finish (a broker restart waits until the node is live again), cancels
     * what has not started, and waits at most {@code FINISH_TIMEOUT} before interrupting.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(FINISH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(90);
}

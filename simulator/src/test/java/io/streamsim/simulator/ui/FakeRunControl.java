package io.streamsim.simulator.ui;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.report.ReportFixtures;
import io.streamsim.simulator.run.RunControl;
import io.streamsim.simulator.run.Sample;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A run that is not there: a sample every {@code period} (one "second" of the run each) sending
 * {@code 1000 * rate factor} events/s, and a record of every control called, each added to the timeline as the
 * real run does.
 */
final class FakeRunControl implements RunControl, AutoCloseable {

    static final double BASE_RATE = 1000;

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<TimelineEvent> timeline = new CopyOnWriteArrayList<>();
    private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();
    private final Scenario scenario = ReportFixtures.scenario();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-run");
        t.setDaemon(true);
        return t;
    });
    private volatile double factor = 1;
    private int instances = 2;
    private long sent;

    /** Starts ticking; {@code history} samples are there before anyone looks. */
    FakeRunControl(Duration period, int history) {
        for (int i = 0; i < history; i++) {
            tick();
        }
        ticker.scheduleAtFixedRate(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds the next sample, as the sampling thread of a real run does. */
    synchronized void tick() {
        int second = samples.size() + 1;
        double rate = BASE_RATE * factor;
        sent += (long) rate;
        Sample s = new Sample(second, "load", rate, sent, sent, sent, 0, rate, sent - 10, rate * 0.99, 10 + second,
                List.of(5L, 5L, (long) second), List.of(0L, 0L, 0L), second, 0, 0, 0, 0.5, 1.5, 0, "");
        samples.add(s);
        listeners.forEach(l -> l.accept(s));
    }

    private double now() {
        return samples.size();
    }

    private void mark(String description) {
        calls.add(description);
        timeline.add(new TimelineEvent(now(), description, "ok"));
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public List<TimelineEvent> timeline() {
        return List.copyOf(timeline);
    }

    @Override
    public void onSample(Consumer<Sample> listener) {
        listeners.add(listener);
    }

    @Override
    public void stepRate(double factor) {
        this.factor *= factor;
        mark("stepRate(" + factor + ")");
    }

    @Override
    public synchronized String scaleOut() {
        instances++;
        mark("scaleOut");
        return "app-instance-" + instances;
    }

    @Override
    public synchronized String scaleIn() {
        if (instances == 0) {
            throw new IllegalStateException("no live app instance to stop");
        }
        mark("scaleIn");
        return "app-instance-" + instances--;
    }

    @Override
    public synchronized String killOne() {
        if (instances == 0) {
            throw new IllegalStateException("no live app instance to kill");
        }
        mark("killOne");
        return "app-instance-" + instances--;
    }

    /** Thrown by the next {@link #poisonBurst}, as a run that breaks unexpectedly would. */
    volatile RuntimeException poisonFailure;

    @Override
    public void poisonBurst(int records) {
        RuntimeException failure = poisonFailure;
        if (failure != null) {
            throw failure;
        }
        mark("poisonBurst(" + records + ")");
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}

package io.streamsim.simulator.run;

import io.streamsim.model.scenario.Fault;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.simulator.instances.AppInstances;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The run as a live page sees and drives it ({@link RunControl}). Every control is applied through the fault runner,
 * so it lands on the timeline like a fault of the scenario; before the load starts and after it ends, controls are
 * refused with an {@link IllegalStateException}.
 */
final class LiveControls implements RunControl {

    private final Pipeline pipeline;
    private final List<Consumer<Sample>> pendingListeners = new ArrayList<>();
    private Sampler sampler;

    LiveControls(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The samples exist once the load starts; listeners added before are handed on. */
    synchronized void sampling(Sampler sampler) {
        this.sampler = sampler;
        pendingListeners.forEach(sampler::onSample);
        pendingListeners.clear();
    }

    @Override
    public Scenario scenario() {
        return pipeline.scenario;
    }

    @Override
    public synchronized List<Sample> samples() {
        return sampler == null ? List.of() : List.copyOf(sampler.samples());
    }

    @Override
    public List<TimelineEvent> timeline() {
        FaultRunner faults = pipeline.faults;
        return faults == null ? List.of() : faults.applied().stream()
                .map(a -> new TimelineEvent(a.atSeconds(), a.fault().describe(), a.outcome())).toList();
    }

    @Override
    public synchronized void onSample(Consumer<Sample> listener) {
        if (sampler == null) {
            pendingListeners.add(listener);
        } else {
            sampler.onSample(listener);
        }
    }

    @Override
    public void stepRate(double factor) {
        control(new Fault.RateStep(pipeline.sinceLoadStart(), factor));
    }

    @Override
    public String scaleOut() {
        FaultRunner.Applied applied = control(new Fault.ScaleOut(pipeline.sinceLoadStart(), 1));
        if (applied.result() instanceof FaultOutcome.Started started) {
            return String.join(", ", started.instances());
        }
        throw new IllegalStateException("no instance was started: " + applied.outcome());
    }

    @Override
    public String scaleIn() {
        String name = newestLiveInstance();
        control(new Fault.Stop(pipeline.sinceLoadStart(), name));
        return name;
    }

    @Override
    public String killOne() {
        AppInstances instances = pipeline.instances;
        if (instances != null && instances.placement() == AppInstances.Placement.IN_PROCESS) {
            // Refused before it reaches the timeline: there is no process to SIGKILL, and a fault that could
            // not happen must not show as one.
            throw new IllegalStateException("the app instances run in the simulator's JVM and cannot crash: "
                    + "start the run with --app-jvms to kill one with SIGKILL");
        }
        String name = newestLiveInstance();
        control(new Fault.Kill(pipeline.sinceLoadStart(), name));
        return name;
    }

    @Override
    public void poisonBurst(int records) {
        control(new Fault.PoisonBurst(pipeline.sinceLoadStart(), records));
    }

    private String newestLiveInstance() {
        AppInstances instances = pipeline.instances;
        if (instances == null) {
            throw new IllegalStateException("no app instance is running");
        }
        List<String> names = new ArrayList<>(instances.names());
        Collections.reverse(names);
        for (String name : names) {
            if (instances.get(name).isAlive()) {
                return name;
            }
        }
        throw new IllegalStateException("no app instance is running");
    }

    private FaultRunner.Applied control(Fault fault) {
        FaultRunner faults = pipeline.faults;
        LoadGenerator generator = pipeline.generator;
        if (faults == null || generator == null || generator.isDone()) {
            throw new IllegalStateException("the load is not running");
        }
        try {
            FaultRunner.Applied applied = faults.applyNow(fault);
            if (applied.result() instanceof FaultOutcome.Failed failed) {
                throw new IllegalStateException(failed.describe());
            }
            return applied;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

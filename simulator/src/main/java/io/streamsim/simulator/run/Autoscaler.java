package io.streamsim.simulator.run;

import io.streamsim.model.scenario.AutoscaleSpec;
import io.streamsim.model.scenario.Fault;
import io.streamsim.simulator.instances.InstanceStatus;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The scenario's lag rule ({@code app.autoscale}): one more app instance once lag has stayed above
 * {@code lagAbove} for {@code for}, at least {@code cooldown} after the rule's previous one, while fewer than
 * {@code maxInstances} are alive.
 *
 * <p>Never on top of an instance that is still starting. An instance started by any scale-out (the timeline's, the
 * live page's, the rule's own) or restarted is "starting" until it reports RUNNING or dies. Adding another then
 * would answer lag the new one is about to take, before it has joined: in {@code ingest-10x-step} a timed
 * scale-out at 30.0 s and the rule's at 30.1 s both fired. While one is starting the rule waits, and its
 * {@code for} counts again from the first second all started instances run. The check is made twice: when the
 * rule decides (after a sample), and again on the faults' thread just before the instance starts, after any fault
 * applied in the meantime.
 *
 * <p>Used by the sampling thread; {@link #mayStartOne()} runs on the faults' thread while the sampling thread waits
 * for it (so no lock: it would be held across that wait).
 */
final class Autoscaler {

    private final AutoscaleSpec rule;
    private final Supplier<List<FaultRunner.Applied>> applied;
    private final Supplier<Map<String, InstanceStatus>> statuses;
    private final Set<String> starting = new LinkedHashSet<>();
    private int appliedSeen;
    private double aboveLagSince = Double.NaN;
    private double lastScaleOutAt = Double.NEGATIVE_INFINITY;

    /**
     * @param applied  the faults applied so far, in order (scale-outs and restarts among them)
     * @param statuses the app instances' statuses, asked now (only when the rule is about to fire, or while an
     *                 instance may be starting)
     */
    Autoscaler(AutoscaleSpec rule, Supplier<List<FaultRunner.Applied>> applied,
               Supplier<Map<String, InstanceStatus>> statuses) {
        this.rule = rule;
        this.applied = applied;
        this.statuses = statuses;
    }

    /**
     * After each sample: starts one more instance through {@code faults} when the rule says so.
     *
     * @return what was applied, if anything
     */
    Optional<FaultRunner.Applied> afterSample(List<Sample> samples, FaultRunner faults, Duration now)
            throws InterruptedException {
        if (!wantsOneMore(samples)) {
            return Optional.empty();
        }
        Optional<FaultRunner.Applied> done = faults.applyNowIf(new Fault.ScaleOut(now, 1), this::mayStartOne);
        double at = samples.get(samples.size() - 1).elapsedSeconds();
        if (done.isPresent()) {
            lastScaleOutAt = at;
        }
        aboveLagSince = Double.NaN;
        return done;
    }

    /** True when lag has stayed high long enough, the cooldown is over, and no instance is starting. */
    boolean wantsOneMore(List<Sample> samples) {
        if (samples.isEmpty()) {
            return false;
        }
        Sample last = samples.get(samples.size() - 1);
        double t = last.elapsedSeconds();
        if (last.lagRecords() <= rule.lagAboveRecords()) {
            aboveLagSince = Double.NaN;
            return false;
        }
        if (instanceStarting()) {
            // Lag has to stay high with the started instance in before the rule adds another.
            aboveLagSince = Double.NaN;
            return false;
        }
        if (Double.isNaN(aboveLagSince)) {
            aboveLagSince = t;
        }
        boolean sustained = t - aboveLagSince >= seconds(rule.sustained());
        boolean cooled = t - lastScaleOutAt >= seconds(rule.cooldown());
        return sustained && cooled && alive(statuses.get()) < rule.maxInstances();
    }

    /** The last check, just before starting the instance: none started meanwhile, and still below the maximum. */
    boolean mayStartOne() {
        return !instanceStarting() && alive(statuses.get()) < rule.maxInstances();
    }

    /** Takes in the instances started since the last call; asks for statuses only while one may be starting. */
    private boolean instanceStarting() {
        List<FaultRunner.Applied> all = applied.get();
        for (FaultRunner.Applied a : all.subList(Math.min(appliedSeen, all.size()), all.size())) {
            if (a.result() instanceof FaultOutcome.Started s) {
                starting.addAll(s.instances());
            } else if (a.fault() instanceof Fault.Restart r && !a.failed() && !Fault.isBroker(r.target())) {
                starting.add(r.target());
            }
        }
        appliedSeen = all.size();
        if (starting.isEmpty()) {
            return false;
        }
        Map<String, InstanceStatus> now = statuses.get();
        starting.removeIf(name -> {
            InstanceStatus s = now.get(name);
            return s != null && (InstanceStatus.RUNNING.equals(s.state()) || !s.alive());
        });
        return !starting.isEmpty();
    }

    private static long alive(Map<String, InstanceStatus> statuses) {
        return statuses.values().stream().filter(InstanceStatus::alive).count();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}

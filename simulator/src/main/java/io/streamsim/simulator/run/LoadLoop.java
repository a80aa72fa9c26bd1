package io.streamsim.simulator.run;

import io.streamsim.model.scenario.AutoscaleSpec;
import io.streamsim.producers.LoadGenerator;
import io.streamsim.producers.ProducerStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The load: one sample a second, on whole seconds from the start of the load, until the producers have sent the
 * last event of the timeline; the lag rule after each sample. A requested stop ends it at the next second.
 */
final class LoadLoop {

    private static final Duration PRODUCER_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Pipeline pipeline;
    private final Sampler sampler;
    private final Autoscaler autoscaler;
    private final ConsoleView console;
    private final BooleanSupplier stopRequested;

    LoadLoop(Pipeline pipeline, Sampler sampler, ConsoleView console, BooleanSupplier stopRequested) {
        this.pipeline = pipeline;
        this.sampler = sampler;
        this.console = console;
        this.stopRequested = stopRequested;
        AutoscaleSpec rule = pipeline.scenario.app().autoscale();
        this.autoscaler = rule == null ? null
                : new Autoscaler(rule, () -> pipeline.faults.applied(), pipeline::refreshStatuses);
    }

    StageEnd run() throws InterruptedException {
        LoadGenerator generator = pipeline.generator;
        long tick = 1;
        while (!generator.isDone()) {
            if (stopRequested.getAsBoolean()) {
                generator.stop();
                generator.awaitDone(PRODUCER_STOP_TIMEOUT);
                sampler.recordLast("load");
                return new StageEnd.Stopped("stopped by request during the load");
            }
            sleepUntil(pipeline.loadStartNanos + TimeUnit.SECONDS.toNanos(tick++));
            sampler.record("load");
            if (autoscaler != null) {
                autoscaler.afterSample(sampler.samples(), pipeline.faults, pipeline.sinceLoadStart());
            }
        }
        ProducerStats stats = generator.stats();
        if (stats.recordsFailed() > 0) {
            console.say("WARNING: " + stats.recordsFailed() + " records failed to send; last error: "
                    + stats.lastError());
        }
        return new StageEnd.Finished();
    }

    static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}

package io.streamsim.simulator.run;

import io.streamsim.model.scenario.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What each fault does to the running pipeline: a broker fault to the cluster, the others to instances or producers. */
final class PipelineActions implements FaultRunner.Actions {

    /** Poison bursts are numbered from here, apart from the producers' poison fraction (numbered by event). */
    static final long POISON_BURST_NUMBERS = 1L << 40;

    private final Pipeline pipeline;

    PipelineActions(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void kill(String target) {
        if (Fault.isBroker(target)) {
            pipeline.target.cluster().kill(Fault.number(target));
        } else {
            pipeline.instances.kill(target);
        }
    }

    @Override
    public void stop(String target) {
        if (Fault.isBroker(target)) {
            pipeline.target.cluster().stop(Fault.number(target));
        } else {
            pipeline.instances.stop(target);
        }
    }

    @Override
    public void restart(String target) {
        if (Fault.isBroker(target)) {
            pipeline.target.cluster().restart(Fault.number(target));
        } else {
            pipeline.instances.restart(target);
        }
    }

    @Override
    public List<String> startInstances(int count) {
        return pipeline.instances.scaleOut(count);
    }

    @Override
    public void changeRate(double factor) {
        pipeline.generator.stepRate(factor);
    }

    @Override
    public void pauseProducers(Duration lasting) {
        pipeline.generator.pause(lasting);
    }

    @Override
    public void slowProcessing(Duration perRecord, Duration lasting) {
        pipeline.instances.slowDownAll(perRecord, lasting);
    }

    @Override
    public void writePoison(int records) throws Exception {
        long first = pipeline.poisonWritten.getAndAdd(records);
        pipeline.topics.writePoison(pipeline.target.clientConfig(), records, POISON_BURST_NUMBERS + first);
    }

    /**
     * Nothing to do at run time: the skew is part of the event stream (the generator shifts the shard's events
     * that fall due in the fault's span), so the same scenario always skews the same events. The fault is
     * still applied on time, for the marker.
     */
    @Override
    public void clockSkew(int shard, Duration offset, Duration lasting) {
    }

    @Override
    public void backfill(Fault.Backfill backfill, double atSeconds) {
        Instant liveEventTime = Instant.ofEpochMilli(pipeline.eventClock.epochMillisAt(
                System.nanoTime() - pipeline.loadStartNanos));
        Backfill.Result result = Backfill.write(backfill, pipeline.backfills.size(), pipeline.scenario,
                pipeline.origin, liveEventTime, pipeline.topics.input(), pipeline.target.clientConfig(),
                System::currentTimeMillis, atSeconds);
        pipeline.backfills.add(result);
        if (result.failed() > 0) {
            throw new IllegalStateException(result.failed() + " of " + result.events() + " backfill records failed");
        }
    }

    @Override
    public void replay(Fault.Replay replay, double atSeconds) throws Exception {
        RunTopics topics = pipeline.topics;
        pipeline.replays.add(Replay.run(pipeline.instances, pipeline.target.admin(), pipeline.applicationId,
                topics.input(), topics.partitions(), pipeline.stateDir, replay.describe(), atSeconds));
    }
}

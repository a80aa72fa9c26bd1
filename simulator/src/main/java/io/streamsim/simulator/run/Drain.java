package io.streamsim.simulator.run;

import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The end of the input: once the producers are done and the fault timeline is closed, a watermark on every
 * partition (past the last window's end plus grace, so every window closes), then one sample a second until lag
 * is zero and the output has been read to its last committed offset, at most {@code --drain-timeout}.
 */
final class Drain {

    private static final Duration PRODUCER_DONE_TIMEOUT = Duration.ofSeconds(30);

    private final Pipeline pipeline;
    private final Sampler sampler;
    private final BooleanSupplier stopRequested;
    private boolean drained;

    Drain(Pipeline pipeline, Sampler sampler, BooleanSupplier stopRequested) {
        this.pipeline = pipeline;
        this.sampler = sampler;
        this.stopRequested = stopRequested;
    }

    /** True once everything was processed and read: the watermarks are on the input, the output is complete. */
    boolean drained() {
        return drained;
    }

    StageEnd run() throws Exception {
        pipeline.generator.awaitDone(PRODUCER_DONE_TIMEOUT);
        pipeline.faults.close();
        Instant maxEventTime = pipeline.generator.stats().maxEventTime();
        WindowSpec window = pipeline.scenario.topology().window();
        Instant watermark = (maxEventTime != null ? maxEventTime : pipeline.eventClock.origin())
                .plus(window.reach()).plus(pipeline.scenario.topology().grace()).plusMillis(1);
        pipeline.topics.writeWatermarks(pipeline.target.clientConfig(), watermark);
        Duration timeout = pipeline.options.drainTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = pipeline.loadStartNanos;
        long tick = (System.nanoTime() - start) / 1_000_000_000L + 1;
        while (System.nanoTime() < deadline) {
            if (stopRequested.getAsBoolean()) {
                sampler.recordLast("drain");
                return new StageEnd.Stopped("stopped by request during the drain");
            }
            LoadLoop.sleepUntil(Math.min(deadline, start + TimeUnit.SECONDS.toNanos(tick++)));
            Sample s = sampler.record("drain");
            if (s.lagRecords() == 0 && repartitionConsumed() && outputReadToTheEnd()) {
                drained = true;
                return new StageEnd.Finished();
            }
        }
        return new StageEnd.Failed("the pipeline did not drain within " + timeout.toSeconds() + "s");
    }

    /**
     * With a groupBy step, lag on the input says nothing about the window tasks behind the repartition topic (and
     * a salted groupBy's second one):
     * they are done once the group's committed offsets reach its last stable offsets (Streams commits the
     * consumer's position past a transaction marker when nothing is buffered).
     */
    private boolean repartitionConsumed() throws ExecutionException, InterruptedException {
        if (pipeline.scenario.topology().groupBy().isEmpty()) {
            return true;
        }
        GroupByStep groupBy = pipeline.scenario.topology().groupBy().get();
        List<String> topics = groupBy.salted()
                ? List.of(GroupByModel.repartitionTopic(pipeline.applicationId, groupBy),
                        GroupByModel.unsaltedRepartitionTopic(pipeline.applicationId, groupBy))
                : List.of(GroupByModel.repartitionTopic(pipeline.applicationId, groupBy));
        Map<TopicPartition, OffsetAndMetadata> committed = pipeline.target.admin()
                .listConsumerGroupOffsets(pipeline.applicationId).partitionsToOffsetAndMetadata().get();
        for (String topic : topics) {
            Map<TopicPartition, Long> lso = RunTopics.offsets(pipeline.target.admin(), topic,
                    pipeline.topics.partitions(), OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
            for (Map.Entry<TopicPartition, Long> end : lso.entrySet()) {
                OffsetAndMetadata c = committed.get(end.getKey());
                if ((c == null ? 0 : c.offset()) < end.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean outputReadToTheEnd() throws ExecutionException, InterruptedException {
        RunTopics topics = pipeline.topics;
        Map<TopicPartition, Long> lso = RunTopics.offsets(pipeline.target.admin(), topics.output(),
                topics.partitions(), OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        return pipeline.tracker.hasReached(lso);
    }
}

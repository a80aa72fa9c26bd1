package io.streamsim.simulator.run;

import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The end of the input: once the producers are done and the fault timeline is closed, a watermark on every
 * partition (past the last window's end plus grace, so every window closes), then one sample a second until lag
 * is zero and the output has been read to its last committed offset, at most {@code --drain-timeout}.
 *
 * <p>Under exactly_once_v2 a last stable offset is not an end: an instance killed with a transaction open leaves it
 * open on every partition it wrote to, and the last stable offset stays at its first record until a restart of that
 * instance fences it or the broker aborts it ({@code transaction.timeout.ms}, checked every
 * {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}: up to about 20 s after the kill with
 * Kafka's defaults). Readers stop there, so the group's offsets and the output tracker "reach the end" while the
 * records behind it were never processed. A topic is therefore settled only when no transaction is open on it:
 * its last stable offset equals its high watermark.
 */
final class Drain {

    private static final Duration PRODUCER_DONE_TIMEOUT = Duration.ofSeconds(30);

    private final Pipeline pipeline;
    private final Sampler sampler;
    private final BooleanSupplier stopRequested;
    private boolean drained;
    /**
     * Per partition behind its high watermark at the last sample, its last stable offset then. Two reads of one
     * moment can differ by a record appended between them, so only a partition whose last stable offset has not moved
     * since the sample before is named in a timeout's reason as holding an open transaction.
     */
    private Map<TopicPartition, Long> behind = new HashMap<>();
    private final Map<TopicPartition, Long> behindNow = new HashMap<>();

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
            behind = new HashMap<>(behindNow);
            behindNow.clear();
            boolean repartitionConsumed = repartitionConsumed();
            boolean outputRead = outputReadToTheEnd();
            if (s.lagRecords() == 0 && repartitionConsumed && outputRead) {
                drained = true;
                return new StageEnd.Finished();
            }
        }
        Set<String> stuck = new TreeSet<>();
        behindNow.forEach((tp, stable) -> {
            if (stable.equals(behind.get(tp))) {
                stuck.add(tp.toString());
            }
        });
        return new StageEnd.Failed("the pipeline did not drain within " + timeout.toSeconds() + "s"
                + (stuck.isEmpty() ? ""
                        : "; a transaction stayed open on " + String.join(", ", stuck) + " (last stable offset stuck"
                        + " below the high watermark: under exactly_once_v2, a killed instance's transaction stays open"
                        + " until its restart fences it or the broker aborts it after transaction.timeout.ms)"));
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
            Map<TopicPartition, Long> lso = settledEnds(topic);
            if (lso == null) {
                return false;
            }
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
        Map<TopicPartition, Long> lso = settledEnds(pipeline.topics.output());
        return lso != null && pipeline.tracker.hasReached(lso);
    }

    /**
     * The last stable offsets of {@code topic}, or null while a transaction is open on any of its partitions (those
     * are noted for the failure's reason). The two offsets are read one after the other, so a record appended in
     * between looks like an open transaction for one sample: that only makes the drain wait a second more.
     */
    private Map<TopicPartition, Long> settledEnds(String topic) throws ExecutionException, InterruptedException {
        RunTopics.Ends ends = RunTopics.ends(pipeline.target.admin(), topic, pipeline.topics.partitions());
        List<TopicPartition> open = ends.openTransactions();
        open.forEach(tp -> behindNow.put(tp, ends.lastStable().get(tp)));
        return open.isEmpty() ? ends.lastStable() : null;
    }
}

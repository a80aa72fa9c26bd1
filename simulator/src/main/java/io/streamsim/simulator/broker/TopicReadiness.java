package io.streamsim.simulator.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until new topics can take writes: every partition has a leader that has taken up its leadership.
 *
 * <p>{@code Admin.createTopics} returns once the controller has committed the topics, which can be before a
 * broker knows them and before it leads their partitions. Producing then fails a partition's first batch with
 * NOT_LEADER_OR_FOLLOWER while later batches of the same idempotent producer may already be accepted; the
 * retried first batch is then out of sequence for good (OUT_OF_ORDER_SEQUENCE_NUMBER, retried until the
 * delivery timeout). Seen here both in the producer benchmark and under a leader kill right after a broker
 * restart. A broker answers ListOffsets for a partition only as its leader, the same check a produce request
 * meets, so that answer for every partition is the signal.
 */
public final class TopicReadiness {

    private static final long POLL_MILLIS = 20;

    private TopicReadiness() {
    }

    /**
     * Returns once every partition of {@code topics} has a leader answering ListOffsets.
     *
     * @throws TimeoutException when that takes longer than {@code timeout}; the message names the topics
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, TopicDescription> described;
        // Asked before the broker's metadata has them, Admin logs an ERROR per unknown topic: wait for them first.
        while ((described = describedWithLeaders(admin, topics, remaining(deadline))) == null) {
            sleepOrTimeOut(deadline, "a leader for every partition of " + topics, timeout);
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(
                p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        while (true) {
            try {
                admin.listOffsets(request).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                throw timedOut("answers to ListOffsets for every partition of " + topics, timeout);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                sleepOrTimeOut(deadline, "every partition of " + topics + " led by a broker that answers for it",
                        timeout);
            }
        }
    }

    /** The topics' descriptions when every partition names a leader; null while some does not (yet). */
    private static Map<String, TopicDescription> describedWithLeaders(Admin admin, Collection<String> topics,
                                                                     long timeoutMillis)
            throws InterruptedException, TimeoutException, ExecutionException {
        try {
            Map<String, TopicDescription> described;
            try {
                described = admin.describeTopics(topics).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw timedOut("description of " + topics, Duration.ofMillis(timeoutMillis));
            }
            boolean led = described.values().stream().allMatch(d -> !d.partitions().isEmpty()
                    && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            return led ? described : null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return null;
            }
            throw e;
        }
    }

    /** Kafka's futures time out with no message: say what was waited for. */
    private static TimeoutException timedOut(String what, Duration after) {
        return new TimeoutException("no " + what + " within " + after.toMillis() + " ms");
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void sleepOrTimeOut(long deadline, String what, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (System.nanoTime() > deadline) {
            throw new TimeoutException("no " + what + " after " + timeout.toSeconds() + " s");
        }
        Thread.sleep(POLL_MILLIS);
    }
}

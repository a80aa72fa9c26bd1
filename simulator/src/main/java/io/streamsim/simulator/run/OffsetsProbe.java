package io.streamsim.simulator.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Once a second: the input topic's end offsets and the app group's committed offsets, per partition. Lag is
 * their difference (committed-offset lag: it moves in steps of the commit interval), and the committed
 * offsets themselves tell which partitions are being processed (see {@link Recovery}). Registers
 * {@code streamsim.consumer.lag} per partition.
 */
final class OffsetsProbe {

    private static final long TIMEOUT_MS = 5_000;

    /** One reading; -1 for a committed offset the group has not written yet. */
    record Reading(List<Long> lag, List<Long> committed) {
        long totalLag() {
            return lag.stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private final int partitions;
    private final AtomicLongArray lastLag;

    OffsetsProbe(Admin admin, String groupId, String topic, int partitions, MeterRegistry registry) {
        this.admin = admin;
        this.groupId = groupId;
        this.topic = topic;
        this.partitions = partitions;
        this.lastLag = new AtomicLongArray(partitions);
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            Gauge.builder("streamsim.consumer.lag", lastLag, a -> a.get(partition))
                    .description("Committed-offset lag of the app's consumer group on the input topic")
                    .baseUnit("records")
                    .tag("topic", topic)
                    .tag("partition", String.valueOf(p))
                    .register(registry);
        }
    }

    Reading read() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(request, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                IsolationLevel.READ_UNCOMMITTED)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<Long> lag = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            long end = ends.get(tp).offset();
            OffsetAndMetadata c = committed.get(tp);
            long position = c == null ? 0 : c.offset();
            long l = Math.max(0, end - position);
            lag.add(l);
            offsets.add(c == null ? -1L : c.offset());
            lastLag.set(p, l);
        }
        return new Reading(lag, offsets);
    }
}

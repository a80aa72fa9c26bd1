package io.streamsim.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shuffle join's {@link TableStatus#SOURCE_READ} of the reference partitions the group had not read before this
 * start (at the application's first start, all of them; a later life restores its share from the changelog instead,
 * and that restore is reported as such): their end offsets at start, then every
 * {@link #POLL} the group's committed offsets (as the broker has them: under exactly_once_v2, committed with the
 * transaction) of the reference partitions of this instance's active tasks, until they reach those ends. (Not
 * {@code TaskMetadata#committedOffsets()}: in our runs it reached the ends only with the catch-up of the orders,
 * seconds to tens of seconds after the broker had them.)
 *
 * <p>On a thread of its own: an admin call can take seconds while the broker is busy, and the metrics refresh must
 * not wait behind it.
 */
final class SourceReadWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceReadWatch.class);
    /** How often the committed offsets are asked for: twice the commit interval of exactly_once_v2. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaStreams streams;
    private final TableLoads loads;
    private final String applicationId;
    private final String referenceTopic;
    private final String instanceId;
    private final Map<String, Object> adminConfig;
    private final ScheduledExecutorService thread;
    private volatile Admin admin;
    private volatile boolean closed;

    SourceReadWatch(KafkaStreams streams, TableLoads loads, String applicationId, String referenceTopic,
                    String instanceId, Map<String, Object> adminConfig) {
        this.streams = streams;
        this.loads = loads;
        this.applicationId = applicationId;
        this.referenceTopic = referenceTopic;
        this.instanceId = instanceId;
        this.adminConfig = Map.copyOf(adminConfig);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamsim-source-read-" + instanceId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the ends as of {@code startedAt} (just before {@code KafkaStreams#start()}), then polls. */
    void start(Instant startedAt) {
        thread.execute(() -> {
            Properties p = new Properties();
            p.putAll(adminConfig);
            Admin a = Admin.create(p);
            admin = a;
            if (closed) {
                a.close(Duration.ZERO);
                return;
            }
            try {
                Map<TopicPartition, Long> ends = endOffsets(a);
                Set<TopicPartition> readBefore = readByTheGroup(a);
                ends.keySet().removeAll(readBefore);
                if (ends.isEmpty()) {
                    LOG.info("Instance {}: the group has read every partition of {} before; no source read in this"
                            + " life (its table share is restored from the changelog)", instanceId, referenceTopic);
                    close();
                    return;
                }
                loads.sourceReadFrom(startedAt, ends);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (!closed) {
                    LOG.warn("Instance {}: cannot read the reference topic's offsets; no source-read figure: {}",
                            instanceId, e.toString());
                }
                close();
                return;
            }
            if (!closed) {
                thread.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private Map<TopicPartition, Long> endOffsets(Admin a) throws Exception {
        int partitions = a.describeTopics(List.of(referenceTopic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(referenceTopic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(referenceTopic, i), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        a.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, r) -> ends.put(tp, r.offset()));
        return ends;
    }

    /**
     * The reference partitions the group has committed an offset on: read before this start, by an earlier life or
     * by another instance that started first. Only the others are measured as a source read.
     */
    private Set<TopicPartition> readByTheGroup(Admin a) throws Exception {
        Set<TopicPartition> read = new HashSet<>();
        for (TopicPartition tp : a.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).keySet()) {
            if (tp.topic().equals(referenceTopic)) {
                read.add(tp);
            }
        }
        return read;
    }

    private void poll() {
        Admin a = admin;
        if (a == null || streams.state() != KafkaStreams.State.RUNNING) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> group = a.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (ThreadMetadata t : streams.metadataForLocalThreads()) {
                for (TaskMetadata task : t.activeTasks()) {
                    for (TopicPartition tp : task.topicPartitions()) {
                        if (tp.topic().equals(referenceTopic)) {
                            OffsetAndMetadata o = group.get(tp);
                            committed.put(tp, o == null ? -1L : o.offset());
                        }
                    }
                }
            }
            if (loads.sourceReadProgress(committed)) {
                close();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("Instance {}: committed offsets not read: {}", instanceId, e.toString());
        }
    }

    /** Stops polling and closes the admin client; called when the read is done or the instance closes. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        Admin a = admin;
        admin = null;
        if (a != null) {
            a.close(Duration.ZERO);
        }
    }
}

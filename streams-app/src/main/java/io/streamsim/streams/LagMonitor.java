package io.streamsim.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Consumer lag of the app on its input topic, per partition: the partition's end offset minus the offset the
 * app's group (group id = application id) last <em>committed</em>, or minus the earliest offset while nothing
 * is committed. This is committed-offset lag: it includes records already processed but not yet committed,
 * so it runs up to one commit interval ({@code commit.interval.ms}) of input ahead of the processing lag.
 *
 * <p>Each partition gets a gauge {@code streamsim.consumer.lag{topic, partition}} (records) on its first
 * {@link #refresh()}; gauges show the value of the last refresh.
 */
public final class LagMonitor implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final boolean ownsAdmin;
    private final String groupId;
    private final String topic;
    private final MeterRegistry registry;
    private final Duration timeout;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Gauge> gauges = new ConcurrentHashMap<>();

    /** Uses {@code admin} without closing it. */
    public LagMonitor(Admin admin, String groupId, String topic, MeterRegistry registry) {
        this(admin, false, groupId, topic, registry, DEFAULT_TIMEOUT);
    }

    private LagMonitor(Admin admin, boolean ownsAdmin, String groupId, String topic, MeterRegistry registry,
                       Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.ownsAdmin = ownsAdmin;
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.timeout = timeout;
    }

    /** A monitor with its own admin client, closed with it; {@code clientConfig} carries security settings. */
    public static LagMonitor create(String bootstrapServers, Map<String, Object> clientConfig, String groupId,
                                    String topic, MeterRegistry registry) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-lag-monitor");
        return new LagMonitor(Admin.create(props), true, groupId, topic, registry, DEFAULT_TIMEOUT);
    }

    /**
     * One reading, per partition of the input topic ordered by partition: lag in records, and the group's committed
     * offset (absent for a partition the group has not committed yet).
     */
    public record Reading(Map<TopicPartition, Long> lag, Map<TopicPartition, Long> committed) {
        public Reading {
            lag = Collections.unmodifiableMap(new LinkedHashMap<>(lag));
            committed = Collections.unmodifiableMap(new LinkedHashMap<>(committed));
        }
    }

    /**
     * Reads end offsets and committed offsets now.
     *
     * @return lag per partition of the input topic, in records, ordered by partition
     * @throws KafkaException when the cluster does not answer within 10s or refuses
     */
    public Map<TopicPartition, Long> refresh() throws InterruptedException {
        return read().lag();
    }

    /**
     * {@link #refresh()} with the committed offsets it was computed from, which also tell whether a partition is
     * being processed at all.
     *
     * @throws KafkaException when the cluster does not answer within 10s or refuses
     */
    public Reading read() throws InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Set<TopicPartition> partitions = description.partitions().stream()
                    .map(TopicPartitionInfo::partition)
                    .map(p -> new TopicPartition(topic, p))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> earliest = null;
            Map<TopicPartition, Long> lag = new TreeMap<>(
                    (a, b) -> Integer.compare(a.partition(), b.partition()));
            Map<TopicPartition, Long> committedOffsets = new TreeMap<>(
                    (a, b) -> Integer.compare(a.partition(), b.partition()));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long from;
                if (c != null) {
                    from = c.offset();
                    committedOffsets.put(tp, from);
                } else {
                    if (earliest == null) {
                        earliest = offsets(partitions, OffsetSpec.earliest());
                    }
                    from = earliest.get(tp);
                }
                long l = Math.max(0, end.get(tp) - from);
                lag.put(tp, l);
                lags.computeIfAbsent(tp, this::register).set(l);
            }
            return new Reading(lag, committedOffsets);
        } catch (ExecutionException e) {
            throw new KafkaException("reading lag of group " + groupId + " on " + topic + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("reading lag of group " + groupId + " on " + topic + " timed out after "
                    + timeout.toMillis() + "ms", e);
        }
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec));
        Map<TopicPartition, ListOffsetsResultInfo> infos = admin.listOffsets(request).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return infos.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private AtomicLong register(TopicPartition tp) {
        AtomicLong value = new AtomicLong();
        gauges.put(tp, Gauge.builder("streamsim.consumer.lag", value, AtomicLong::get)
                .description("Input records not yet covered by the app's committed offsets")
                .baseUnit("records")
                .tag("topic", tp.topic())
                .tag("partition", Integer.toString(tp.partition()))
                .register(registry));
        return value;
    }

    /** Sum over partitions, as of the last {@link #refresh()}. */
    public long totalLag() {
        return lags.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void close() {
        gauges.values().forEach(registry::remove);
        gauges.clear();
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}

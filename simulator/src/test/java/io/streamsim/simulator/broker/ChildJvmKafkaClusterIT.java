package io.streamsim.simulator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** One 3-node cluster for the class; every test leaves all nodes up. Figures go to stdout, prefixed "[cluster]". */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChildJvmKafkaClusterIT {

    private static final int PARTITIONS = 6;

    private Path baseDir;
    private ChildJvmKafkaCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        baseDir = dir;
        long started = System.nanoTime();
        cluster = ChildJvmKafkaCluster.start(3, baseDir, Map.of());
        figure("cluster start (3 nodes, until an RF-3 acks=all write succeeds): %.1f s", seconds(System.nanoTime() - started));
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    @AfterAll
    void closeCluster() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        if (cluster != null) {
            cluster.close();
            assertThat(baseDir.resolve("broker-1")).doesNotExist();
            assertThat(baseDir.resolve("broker-1.log")).exists();
        }
    }

    @Test
    void start_threeNodes_allLiveOnLoopbackWithNamedLogs() throws Exception {
        assertThat(cluster.size()).isEqualTo(3);
        assertThat(cluster.nodeNames()).containsExactly("broker-1", "broker-2", "broker-3");
        assertThat(cluster.bootstrapServers().split(",")).hasSize(3).allSatisfy(s -> assertThat(s).startsWith("127.0.0.1:"));
        assertThat(liveBrokerIds()).containsExactlyInAnyOrder(1, 2, 3);
        for (int node = 1; node <= 3; node++) {
            assertThat(cluster.isUp(node)).isTrue();
            assertThat(cluster.logFile(node)).isEqualTo(baseDir.resolve("broker-" + node + ".log")).isNotEmptyFile();
        }
    }

    @Test
    void killPartitionLeader_duringIdempotentAcksAllStream_losesAndDuplicatesNothing() throws Exception {
        int records = 200_000;
        int recordsPerSecond = 25_000;
        String topic = "kill-leader";
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3))).all().get(30, TimeUnit.SECONDS);
        // The first test to run may have restarted a broker just now: produce only once every leader serves.
        TopicReadiness.awaitLeaders(admin, List.of(topic), Duration.ofSeconds(30));

        AckLog acks = new AckLog(records);
        AtomicLong sent = new AtomicLong();
        int[] killed = new int[1];
        CompletableFuture<Void> faults = CompletableFuture.runAsync(() -> {
            awaitAtLeast(sent, records / 4);
            killed[0] = leaderOf(topic, 0);
            boolean activeController = activeControllerId() == killed[0];
            cluster.kill(killed[0]);
            acks.killNanos.set(System.nanoTime());
            figure("killed broker-%d, leader of %s-0%s, after %d sends (%d acked)", killed[0], topic,
                    activeController ? " and the active controller" : " (not the active controller)", sent.get(), acks.acked.get());
            assertThat(cluster.isUp(killed[0])).isFalse();
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.firstAckAfterKillNanos.get(0) != 0);
            awaitAtLeast(sent, records * 3 / 4);
            long restartStarted = System.nanoTime();
            cluster.restart(killed[0]);
            figure("restart of broker-%d after SIGKILL: %.1f s until it is a live broker again", killed[0],
                    seconds(System.nanoTime() - restartStarted));
        });

        long started = System.nanoTime();
        try (KafkaProducer<Long, Long> producer = new KafkaProducer<>(idempotentAcksAll(), new LongSerializer(), new LongSerializer())) {
            for (long id = 0; id < records; id++) {
                if (id % 1000 == 0) {
                    long due = started + id * 1_000_000_000L / recordsPerSecond;
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                long recordId = id;
                producer.send(new ProducerRecord<>(topic, recordId, recordId), (metadata, error) -> acks.record(recordId, metadata == null ? -1 : metadata.partition(), error));
                sent.incrementAndGet();
            }
            producer.flush();
        }
        faults.get(120, TimeUnit.SECONDS);
        long rejoinStarted = System.nanoTime();
        awaitFullIsr(topic);
        figure("broker-%d back in every ISR of %s %.1f s after its restart returned", killed[0], topic, seconds(System.nanoTime() - rejoinStarted));

        Consumed consumed = consumeAll(topic);
        BitSet lost = (BitSet) acks.ackedIds.clone();
        lost.andNot(consumed.ids);
        double stallSeconds = seconds(acks.longestGapNanos.get(0));
        figure("records: %d sent, %d acked, %d failed, %d consumed (read_committed), %d lost, %d duplicated",
                records, acks.acked.get(), acks.failed.get(), consumed.count, lost.cardinality(), consumed.duplicates);
        figure("stall of %s-0 (longest gap between its acks): %.1f s; SIGKILL done -> its first ack: %.1f s; "
                + "longest ack gap on any partition: %.1f s (broker.session.timeout.ms=%d)", topic, stallSeconds,
                seconds(acks.firstAckAfterKillNanos.get(0) - acks.killNanos.get()), seconds(acks.longestGapNanos()),
                ChildJvmKafkaCluster.BROKER_SESSION_TIMEOUT_MS);
        assertThat(acks.failed.get()).isZero();
        assertThat(acks.acked.get()).isEqualTo(records);
        assertThat(lost.cardinality()).isZero();
        assertThat(consumed.duplicates).isZero();
        assertThat(consumed.count).isEqualTo(records);
    }

    @Test
    void stopAndRestartFollower_gracefully_writesGoOnWithTwoReplicasAndItRejoins() throws Exception {
        String topic = "stop-follower";
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
        TopicReadiness.awaitLeaders(admin, List.of(topic), Duration.ofSeconds(30));
        int leader = leaderOf(topic, 0);
        int follower = leader % 3 + 1;
        try (KafkaProducer<Long, Long> producer = new KafkaProducer<>(idempotentAcksAll(), new LongSerializer(), new LongSerializer())) {
            sendAndWait(producer, topic, 0, 1_000);

            long stopStarted = System.nanoTime();
            cluster.stop(follower);
            figure("graceful stop of broker-%d (follower of %s-0): %.1f s", follower, topic, seconds(System.nanoTime() - stopStarted));
            assertThat(cluster.isUp(follower)).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> !liveBrokerIds().contains(follower));
            await().atMost(Duration.ofSeconds(20)).until(() -> isrOf(topic, 0).stream().noneMatch(n -> n.id() == follower));
            assertThat(leaderOf(topic, 0)).isEqualTo(leader);

            sendAndWait(producer, topic, 1_000, 2_000);

            long restartStarted = System.nanoTime();
            cluster.restart(follower);
            figure("graceful restart of broker-%d: %.1f s until it is a live broker again", follower, seconds(System.nanoTime() - restartStarted));
            assertThat(cluster.isUp(follower)).isTrue();
            assertThat(liveBrokerIds()).containsExactlyInAnyOrder(1, 2, 3);
            awaitFullIsr(topic);
        }
        Consumed consumed = consumeAll(topic);
        assertThat(consumed.count).isEqualTo(2_000);
        assertThat(consumed.duplicates).isZero();
        assertThat(consumed.ids.cardinality()).isEqualTo(2_000);
    }

    @Test
    void restart_rightAfterKill_returnsOnceTheNewIncarnationServes() throws Exception {
        int node = 3;
        cluster.kill(node);
        long restartStarted = System.nanoTime();
        cluster.restart(node);
        figure("restart of broker-%d right after SIGKILL (before it is fenced): %.1f s", node,
                seconds(System.nanoTime() - restartStarted));

        String log = Files.readString(cluster.logFile(node));
        String thisIncarnation = log.substring(log.lastIndexOf("=== streamsim: starting broker-" + node));
        assertThat(thisIncarnation).contains("Kafka Server started");
        assertThat(cluster.isUp(node)).isTrue();
        assertThat(liveBrokerIds()).containsExactlyInAnyOrder(1, 2, 3);
    }

    private Map<String, Object> idempotentAcksAll() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return config;
    }

    private static void sendAndWait(KafkaProducer<Long, Long> producer, String topic, long fromId, long toId) throws Exception {
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        for (long id = fromId; id < toId; id++) {
            sends.add(producer.send(new ProducerRecord<>(topic, id, id)));
        }
        for (java.util.concurrent.Future<?> send : sends) {
            send.get(60, TimeUnit.SECONDS);
        }
    }

    private Consumed consumeAll(String topic) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        Consumed consumed = new Consumed();
        try (KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(config, new LongDeserializer(), new LongDeserializer())) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("consumed up to the end offsets within 60 s").isLessThan(deadline);
                for (ConsumerRecord<Long, Long> record : consumer.poll(Duration.ofMillis(500))) {
                    int id = Math.toIntExact(record.value());
                    if (consumed.ids.get(id)) {
                        consumed.duplicates++;
                    }
                    consumed.ids.set(id);
                    consumed.count++;
                }
            }
        }
        return consumed;
    }

    private void awaitFullIsr(String topic) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> describe(topic).partitions()
                .stream().allMatch(p -> p.isr().size() == 3));
    }

    private int leaderOf(String topic, int partition) {
        Node leader = partition(topic, partition).leader();
        assertThat(leader).as("leader of %s-%d", topic, partition).isNotNull();
        return leader.id();
    }

    private List<Node> isrOf(String topic, int partition) {
        return partition(topic, partition).isr();
    }

    private TopicPartitionInfo partition(String topic, int partition) {
        return describe(topic).partitions().get(partition);
    }

    private TopicDescription describe(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    private Set<Integer> liveBrokerIds() throws Exception {
        return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
    }

    private int activeControllerId() {
        try {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the metadata quorum", e);
        }
    }

    private static void awaitAtLeast(AtomicLong counter, long value) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> counter.get() >= value);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void figure(String format, Object... args) {
        System.out.printf("[cluster] " + format + "%n", args);
    }

    /** Written by the producer's I/O thread only; read after the producer is closed. */
    private static final class AckLog {
        final BitSet ackedIds;
        final AtomicLong acked = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong killNanos = new AtomicLong();
        final AtomicLongArray lastAckNanos = new AtomicLongArray(PARTITIONS);
        final AtomicLongArray longestGapNanos = new AtomicLongArray(PARTITIONS);
        final AtomicLongArray firstAckAfterKillNanos = new AtomicLongArray(PARTITIONS);

        AckLog(int records) {
            ackedIds = new BitSet(records);
        }

        void record(long id, int partition, Exception error) {
            if (error != null) {
                failed.incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            synchronized (ackedIds) {
                ackedIds.set(Math.toIntExact(id));
            }
            acked.incrementAndGet();
            long last = lastAckNanos.getAndSet(partition, now);
            if (last != 0) {
                longestGapNanos.accumulateAndGet(partition, now - last, Math::max);
            }
            long kill = killNanos.get();
            if (kill != 0 && now > kill) {
                firstAckAfterKillNanos.compareAndSet(partition, 0, now);
            }
        }

        long longestGapNanos() {
            long longest = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                longest = Math.max(longest, longestGapNanos.get(p));
            }
            return longest;
        }
    }

    private static final class Consumed {
        final BitSet ids = new BitSet();
        long count;
        long duplicates;
    }
}

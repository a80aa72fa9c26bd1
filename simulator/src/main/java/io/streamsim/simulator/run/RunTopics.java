package io.streamsim.simulator.run;

import io.streamsim.model.EventCodec;
import io.streamsim.model.PoisonRecords;
import io.streamsim.model.EventTimeReach;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.TopicsSpec;
import io.streamsim.simulator.broker.TopicReadiness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A run's input and output topics, named after the run so that runs never share records, and the few
 * things the simulator itself does with them: create, end with watermarks, count.
 */
record RunTopics(String input, String output, String deadLetters, int partitions) {

    static RunTopics forRun(String runId, int partitions) {
        return new RunTopics("streamsim." + runId + ".events", "streamsim." + runId + ".windows",
                "streamsim." + runId + ".dead-letters", partitions);
    }

    /** How long new topics may take until every partition's leader serves it. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** Creates the three topics and returns once every partition of them can take writes. */
    void create(Admin admin, TopicsSpec spec) throws ExecutionException, InterruptedException {
        create(admin, spec, Map.of());
    }

    /**
     * {@link #create(Admin, TopicsSpec)} with the retention {@code scenario}'s event times need
     * ({@link EventTimeReach#topicConfigs}): without it Kafka deletes a historical run's records within minutes
     * (KAFKA-NOTES pitfall 2) and refuses compressed event time over an hour ahead.
     */
    void create(Admin admin, Scenario scenario) throws ExecutionException, InterruptedException {
        create(admin, scenario.topics(), EventTimeReach.topicConfigs(scenario));
    }

    private void create(Admin admin, TopicsSpec spec, Map<String, String> eventTimeConfigs)
            throws ExecutionException, InterruptedException {
        Map<String, String> configs = new HashMap<>(eventTimeConfigs);
        if (spec.replicationFactor() > 1) {
            configs.put("min.insync.replicas", String.valueOf(Math.min(2, spec.replicationFactor())));
        }
        admin.createTopics(List.of(
                new NewTopic(input, spec.partitions(), spec.replicationFactor()).configs(configs),
                new NewTopic(output, spec.partitions(), spec.replicationFactor()).configs(configs),
                new NewTopic(deadLetters, spec.partitions(), spec.replicationFactor()).configs(configs))).all().get();
        try {
            TopicReadiness.awaitLeaders(admin, List.of(input, output, deadLetters), READY_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the run's topics were created but cannot take writes: " + e.getMessage(), e);
        }
    }

    /** The run's reference table topic, beside its input: {@code streamsim.<run>.reference}. */
    String reference() {
        return io.streamsim.model.ReferenceSchema.topicBeside(input);
    }

    /**
     * Creates the reference topic: compacted (the latest version of every row survives, keyed by row key), with
     * {@code partitions} ({@code reference.partitions}, by default the input's, which a shuffle join needs).
     */
    void createReference(Admin admin, TopicsSpec spec, int partitions) throws ExecutionException, InterruptedException {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", "compact");
        if (spec.replicationFactor() > 1) {
            configs.put("min.insync.replicas", String.valueOf(Math.min(2, spec.replicationFactor())));
        }
        admin.createTopics(List.of(new NewTopic(reference(), partitions, spec.replicationFactor())
                .configs(configs))).all().get();
        try {
            TopicReadiness.awaitLeaders(admin, List.of(reference()), READY_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the reference topic was created but cannot take writes: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code records} undecodable records into the input topic, spread over its partitions; numbered from
     * {@code firstNumber} so that every poison record of a run is distinct.
     */
    void writePoison(Map<String, Object> clientConfig, int records, long firstNumber)
            throws ExecutionException, InterruptedException {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "streamsim-poison");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            java.util.concurrent.Future<?> last = null;
            for (int i = 0; i < records; i++) {
                long n = firstNumber + i;
                last = producer.send(new ProducerRecord<>(input, (int) (n % partitions), null,
                        PoisonRecords.key(n), PoisonRecords.value(n)));
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
        }
    }

    /** Records a read_committed consumer finds in {@code topic} (transaction markers, aborted records excluded). */
    static long countCommitted(Map<String, Object> clientConfig, String topic, int partitions, Duration timeout)
            throws ExecutionException, InterruptedException {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamsim-counter");
        List<TopicPartition> assignment = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        long count = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment);
            while (System.nanoTime() < deadline) {
                boolean done = true;
                for (TopicPartition tp : assignment) {
                    done &= consumer.position(tp) >= end.get(tp);
                }
                if (done) {
                    return count;
                }
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + "s");
    }

    /**
     * Writes one {@link Watermark} at {@code eventTime} into every input partition. Called after every event
     * was acknowledged, so it lands behind all of them.
     */
    void writeWatermarks(Map<String, Object> clientConfig, Instant eventTime) throws ExecutionException, InterruptedException {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "streamsim-watermarks");
        byte[] key = Watermark.KEY.getBytes(StandardCharsets.UTF_8);
        byte[] value = EventCodec.encode(new Watermark(eventTime));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int p = 0; p < partitions; p++) {
                producer.send(new ProducerRecord<>(input, p, eventTime.toEpochMilli(), key, value)).get();
            }
        }
    }

    /** Records held per partition: latest minus earliest offset, as {@code isolation} sees it. */
    static Map<TopicPartition, Long> recordCounts(Admin admin, String topic, int partitions, IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> latest = offsets(admin, topic, partitions, OffsetSpec.latest(), isolation);
        Map<TopicPartition, Long> earliest = offsets(admin, topic, partitions, OffsetSpec.earliest(), isolation);
        Map<TopicPartition, Long> counts = new HashMap<>();
        latest.forEach((tp, end) -> counts.put(tp, end - earliest.getOrDefault(tp, 0L)));
        return counts;
    }

    /**
     * Where {@code topic} ends for a read_committed reader ({@code lastStable}) and for any reader
     * ({@code highWatermark}), per partition. They differ while a transaction is open on the partition (or for a
     * record appended between the two reads).
     */
    record Ends(Map<TopicPartition, Long> lastStable, Map<TopicPartition, Long> highWatermark) {

        Ends {
            lastStable = Map.copyOf(lastStable);
            highWatermark = Map.copyOf(highWatermark);
        }

        /** The partitions whose last stable offset is behind their high watermark, in order. */
        List<TopicPartition> openTransactions() {
            List<TopicPartition> open = new ArrayList<>();
            lastStable.forEach((tp, stable) -> {
                if (stable < highWatermark.getOrDefault(tp, stable)) {
                    open.add(tp);
                }
            });
            open.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            return open;
        }
    }

    static Ends ends(Admin admin, String topic, int partitions) throws ExecutionException, InterruptedException {
        return new Ends(offsets(admin, topic, partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED),
                offsets(admin, topic, partitions, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED));
    }

    static Map<TopicPartition, Long> offsets(Admin admin, String topic, int partitions, OffsetSpec spec,
                                             IsolationLevel isolation) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), spec);
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}

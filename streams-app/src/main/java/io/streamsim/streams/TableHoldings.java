package io.streamsim.streams;

import io.streamsim.model.ReferenceRow;
import io.streamsim.model.StreamsimSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.VersionedKeyQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * Counts what an instance's reference table store holds ({@link TableStatus.Held}), by interactive queries on the
 * running app: rows and their serialized key + value bytes (the key's UTF-8 bytes, the value as the reference topic
 * carries it).
 *
 * <p>A global store or an unversioned KTable store is iterated whole ({@code ReadOnlyKeyValueStore#all()}: the global
 * store holds the whole table; a KTable store over the active tasks of this instance). A versioned store answers only
 * key queries in Kafka 4.3.1 (no range), so its keys are first read from the reference partitions of this instance's
 * active tasks, then each key's latest version is asked for ({@code VersionedKeyQuery}, in its partition): current
 * rows only, the superseded versions the store also keeps for its history not counted.
 */
final class TableHoldings {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private TableHoldings() {
    }

    static TableStatus.Held ofKeyValueStore(KafkaStreams streams, String store, String topic) {
        Serializer<ReferenceRow> values = StreamsimSerdes.referenceRows().serializer();
        ReadOnlyKeyValueStore<String, ReferenceRow> kv = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
        long rows = 0;
        long bytes = 0;
        try (KeyValueIterator<String, ReferenceRow> it = kv.all()) {
            while (it.hasNext()) {
                KeyValue<String, ReferenceRow> e = it.next();
                rows++;
                bytes += e.key.getBytes(StandardCharsets.UTF_8).length + values.serialize(topic, e.value).length;
            }
        }
        return new TableStatus.Held(rows, bytes, "store iterated (interactive query, all rows)");
    }

    static TableStatus.Held ofVersionedStore(KafkaStreams streams, String store, String topic,
                                             Map<String, Object> consumerConfig) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                task.topicPartitions().stream().filter(tp -> tp.topic().equals(topic)).forEach(partitions::add);
            }
        }
        Map<String, Integer> keys = keysOn(partitions, consumerConfig);
        Serializer<ReferenceRow> values = StreamsimSerdes.referenceRows().serializer();
        long rows = 0;
        long bytes = 0;
        for (Map.Entry<String, Integer> key : keys.entrySet()) {
            StateQueryRequest<VersionedRecord<ReferenceRow>> request = StateQueryRequest.inStore(store)
                    .withQuery(VersionedKeyQuery.<String, ReferenceRow>withKey(key.getKey()))
                    .withPartitions(java.util.Set.of(key.getValue()));
            StateQueryResult<VersionedRecord<ReferenceRow>> result = streams.query(request);
            QueryResult<VersionedRecord<ReferenceRow>> answer = result.getPartitionResults().get(key.getValue());
            if (answer != null && answer.isSuccess() && answer.getResult() != null) {
                rows++;
                bytes += key.getKey().getBytes(StandardCharsets.UTF_8).length
                        + values.serialize(topic, answer.getResult().value()).length;
            }
        }
        return new TableStatus.Held(rows, bytes, "versioned store: the latest version of each key of its "
                + partitions.size() + " partition(s) (VersionedKeyQuery; superseded versions not counted)");
    }

    /** Every key on {@code partitions}, with its partition, read from the start to the end offsets of now. */
    private static Map<String, Integer> keysOn(List<TopicPartition> partitions, Map<String, Object> consumerConfig) {
        Map<String, Integer> keys = new HashMap<>();
        if (partitions.isEmpty()) {
            return keys;
        }
        Properties p = new Properties();
        p.putAll(consumerConfig);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, READ_TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the reference partitions " + partitions
                            + " were not read to their end within " + READ_TIMEOUT.toSeconds() + "s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        keys.put(new String(r.key(), StandardCharsets.UTF_8), r.partition());
                    }
                }
            }
        }
        return keys;
    }
}

package io.streamsim.simulator.run;

import io.streamsim.model.ReferenceCodec;
import io.streamsim.model.ReferenceRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the reference topic back after the load and says what it holds: every record decoded, keyed by its row's key,
 * timestamped with its row's {@code validFrom}, and each key's versions rising in offset order (all of a key's
 * records are in one partition). Compaction may since have removed superseded versions (the active segment is never
 * compacted, so in a short run it has not).
 */
final class ReferenceTopicCheck {

    private ReferenceTopicCheck() {
    }

    static ReferenceFigures.OnTopic read(Map<String, Object> clientConfig, String topic, int partitions,
                                         Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamsim-reference-check");
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        long records = 0;
        long versionZero = 0;
        long updates = 0;
        List<String> problems = new ArrayList<>();
        Map<String, Long> latestVersion = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment);
            while (!atEnd(consumer, assignment, end)) {
                if (System.nanoTime() > deadline) {
                    problems.add("not read to its end within " + timeout.toSeconds() + "s");
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    ReferenceRow row;
                    try {
                        row = ReferenceCodec.decode(r.value());
                    } catch (SerializationException e) {
                        problem(problems, "offset " + r.offset() + " of partition " + r.partition() + ": " + e.getMessage());
                        continue;
                    }
                    if (row.version() == 0) {
                        versionZero++;
                    } else {
                        updates++;
                    }
                    if (!row.key().equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        problem(problems, row.key() + " under another record key");
                    }
                    if (r.timestamp() != row.validFrom().toEpochMilli()) {
                        problem(problems, row.key() + " v" + row.version() + ": timestamp " + r.timestamp()
                                + " is not its validFrom");
                    }
                    Long before = latestVersion.put(row.key(), row.version());
                    if (before != null && before >= row.version()) {
                        problem(problems, row.key() + ": v" + row.version() + " after v" + before);
                    }
                }
            }
        }
        return new ReferenceFigures.OnTopic(records, versionZero, updates, latestVersion.size(), problems);
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> assignment,
                                 Map<TopicPartition, Long> end) {
        for (TopicPartition tp : assignment) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    /** The first few problems are enough to say what is wrong. */
    private static void problem(List<String> problems, String problem) {
        if (problems.size() < 10) {
            problems.add(problem);
        }
    }
}

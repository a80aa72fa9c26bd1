package io.streamsim.simulator.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A repartition topic read to its end (read_committed, so aborted writes and transaction markers are not
 * counted): records and key plus value bytes per partition. The app keeps its repartition topics for the run
 * ({@code repartition.purge.interval.ms} of a year), so this is everything the stage's tasks read.
 *
 * @param partitionRecords records per partition
 */
record RepartitionTopicRead(List<Long> partitionRecords, long records, long bytes, boolean complete) {

    static RepartitionTopicRead read(Map<String, Object> clientConfig, String topic, int partitions,
                                     Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamsim-stage-read");
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        long[] perPartition = new long[partitions];
        long bytes = 0;
        boolean complete = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment);
            while (!atEnd(consumer, assignment, end)) {
                if (System.nanoTime() > deadline) {
                    complete = false;
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    perPartition[r.partition()]++;
                    bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                }
            }
        }
        List<Long> records = new ArrayList<>();
        long total = 0;
        for (long n : perPartition) {
            records.add(n);
            total += n;
        }
        return new RepartitionTopicRead(records, total, bytes, complete);
    }

    /** The largest partition's share of the records, 0 when there are none. */
    double maxPartitionShare() {
        int hottest = hottestPartition();
        return hottest < 0 ? 0 : (double) partitionRecords.get(hottest) / records;
    }

    /** The partition with the most records, -1 when there are none. */
    int hottestPartition() {
        int hottest = -1;
        for (int p = 0; p < partitionRecords.size(); p++) {
            if (partitionRecords.get(p) > 0 && (hottest < 0 || partitionRecords.get(p) > partitionRecords.get(hottest))) {
                hottest = p;
            }
        }
        return hottest;
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
}

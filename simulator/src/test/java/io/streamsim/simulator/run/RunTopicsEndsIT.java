package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * What the drain reads to tell whether a topic is settled, against a real broker: a transaction left open (as by
 * an instance killed mid-transaction) holds the last stable offset at its first record, below the high watermark;
 * once it ends, the two meet past its marker.
 */
class RunTopicsEndsIT {

    @Test
    void ends_aTransactionOpenOnOnePartition_isReportedThereUntilItEnds() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("t", 3, (short) 1))).all().get();
            try (KafkaProducer<byte[], byte[]> plain = producer(broker, null);
                 KafkaProducer<byte[], byte[]> tx = producer(broker, "dies-mid-transaction")) {
                plain.send(new ProducerRecord<>("t", 0, null, new byte[] {1})).get();
                plain.send(new ProducerRecord<>("t", 1, null, new byte[] {1})).get();
                tx.initTransactions();
                tx.beginTransaction();
                tx.send(new ProducerRecord<>("t", 1, null, new byte[] {2}));
                tx.send(new ProducerRecord<>("t", 1, null, new byte[] {3}));
                tx.flush();
                plain.send(new ProducerRecord<>("t", 2, null, new byte[] {1})).get();

                RunTopics.Ends open = RunTopics.ends(admin, "t", 3);
                assertThat(open.openTransactions()).containsExactly(new TopicPartition("t", 1));
                assertThat(open.lastStable().get(new TopicPartition("t", 1))).as("stops at the open transaction")
                        .isEqualTo(1L);
                assertThat(open.highWatermark().get(new TopicPartition("t", 1))).isEqualTo(3L);
                assertThat(open.lastStable().get(new TopicPartition("t", 2))).isEqualTo(1L);

                tx.abortTransaction();
                // The coordinator writes the markers after it answers, so the end is seen a moment later.
                RunTopics.Ends ended = RunTopics.ends(admin, "t", 3);
                for (int i = 0; i < 100 && !ended.openTransactions().isEmpty(); i++) {
                    Thread.sleep(100);
                    ended = RunTopics.ends(admin, "t", 3);
                }
                assertThat(ended.openTransactions()).isEmpty();
                assertThat(ended.lastStable().get(new TopicPartition("t", 1))).as("past the abort marker")
                        .isEqualTo(4L);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker broker, String transactionalId) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"));
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}

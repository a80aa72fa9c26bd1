package io.streamsim.simulator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    @Test
    void start_servesProduceAndConsumeOnLoopback_andCloseRemovesItsData() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        java.nio.file.Path data;
        try {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(config)) {
                admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get();
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            RecordMetadata sent;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
                sent = producer.send(new ProducerRecord<>("t", 1, 1234L, "k", "v")).get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
                TopicPartition tp = new TopicPartition("t", 1);
                consumer.assign(List.of(tp));
                consumer.seek(tp, sent.offset());
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 50 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofMillis(200));
                }
                assertThat(records.count()).isEqualTo(1);
                var record = records.iterator().next();
                assertThat(record.value()).isEqualTo("v");
                assertThat(record.timestamp()).isEqualTo(1234L);
                assertThat(new String(record.key().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("k");
            }
            data = broker.dataDirectory();
            assertThat(data).exists();
        } finally {
            broker.close();
        }
        assertThat(data).doesNotExist();
    }
}

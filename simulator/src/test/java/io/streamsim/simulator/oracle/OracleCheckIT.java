package io.streamsim.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamsim.model.EventCodec;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleCheckIT {

    private static final TopologySpec SPEC = new TopologySpec(new WindowSpec.Tumbling(Duration.ofSeconds(10)),
            Duration.ZERO, EmitMode.FINAL, ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long WATERMARK_MS = 100_000;

    private static EmbeddedKafkaBroker broker;
    private static Map<String, Object> clientConfig;
    private static int topicNumber;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        clientConfig = Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Creates an input and an output topic of 2 partitions, and writes the known input. */
    private static String[] topicsWithKnownInput() throws Exception {
        int n = ++topicNumber;
        String in = "oracle-" + n + ".events";
        String out = "oracle-" + n + ".windows";
        try (Admin admin = Admin.create(clientConfig)) {
            admin.createTopics(List.of(new NewTopic(in, 2, (short) 1), new NewTopic(out, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
            // Partition 0: event 4 comes after stream time 12s has closed [0s;10s) (grace 0), so it is dropped.
            send(producer, in, 0, order(1, "a", 1_000, 10));
            send(producer, in, 0, order(2, "a", 2_000, 20));
            send(producer, in, 0, order(3, "b", 12_000, 5));
            send(producer, in, 0, order(4, "a", 3_000, 1));
            producer.send(new ProducerRecord<>(in, 0, 13_000L, bytes("a"), bytes("not an event"))).get();
            // Partition 1: its own stream time; event 5 twice (a producer retry's duplicate counts again).
            send(producer, in, 1, order(5, "c", 5_000, 7));
            send(producer, in, 1, order(5, "c", 5_000, 7));
            for (int p = 0; p < 2; p++) {
                producer.send(new ProducerRecord<>(in, p, WATERMARK_MS, bytes(Watermark.KEY),
                        EventCodec.encode(new Watermark(Instant.ofEpochMilli(WATERMARK_MS))))).get();
            }
        }
        return new String[] {in, out};
    }

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static OrderEvent order(long id, String seller, long timestampMs, long amountCents) {
        return new OrderEvent(id, Instant.ofEpochMilli(timestampMs), seller, "o-" + id, "c", "s", 1, amountCents, "EUR");
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, int partition, OrderEvent e)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, e.eventTime().toEpochMilli(), bytes(e.sellerId()),
                EventCodec.encode(e))).get();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long hashes(long... ids) {
        long sum = 0;
        for (long id : ids) {
            sum += WindowResult.idHash(id);
        }
        return sum;
    }

    private static ProducerRecord<byte[], byte[]> result(String topic, int partition, String key, long startMs,
                                                         long count, long sum, long checksum) {
        WindowResult r = new WindowResult(key, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs + 10_000),
                count, sum, checksum, Instant.EPOCH);
        return new ProducerRecord<>(topic, partition, bytes(key), r.encode());
    }

    @Test
    void run_outputWithOneWrongOneMissingOneExtraWindow_saysSoAndListsThemInTheDetails() throws Exception {
        String[] topics = topicsWithKnownInput();
        String out = topics[1];
        try (KafkaProducer<byte[], byte[]> producer = producer("oracle-it-wrong")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(result(out, 0, "a", 0, 1, 10, hashes(1)));            // an early update, superseded
            producer.send(result(out, 0, "a", 0, 2, 30, hashes(1, 2)));         // right
            producer.send(result(out, 1, "b", 10_000, 2, 10, hashes(3, 3)));    // wrong: event 3 twice
            producer.send(result(out, 1, "d", 20_000, 1, 4, hashes(99)));       // unexpected; (c, 0s) is missing
            producer.send(result(out, 0, Watermark.KEY, 100_000, 0, 0, 0));     // never compared
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(result(out, 0, "e", 0, 9, 9, 9));                     // aborted: never read
            producer.flush();
            producer.abortTransaction();
        }
        Path details = dir.resolve("oracle-details.csv");

        OracleReport report = OracleCheck.run(clientConfig, topics[0], out, 2, SPEC, details, TIMEOUT);

        assertThat(report.verdict()).isEqualTo(
                "1 window wrong, 1 missing, 1 unexpected (of 3 expected); 2 contributions counted twice, 2 missing");
        assertThat(report.inputRecordsRead()).isEqualTo(9);
        assertThat(report.outputRecordsRead()).isEqualTo(5);
        assertThat(report.outputRecordsUndecodable()).isZero();
        assertThat(report.counts().windowsMatched()).isEqualTo(1);
        assertThat(report.counts().droppedLateExpected()).isEqualTo(1);
        assertThat(report.counts().poisonRecords()).isEqualTo(1);
        assertThat(report.counts().contributionsExpected()).isEqualTo(5);
        assertThat(report.counts().contributionsActual()).isEqualTo(5);
        assertThat(report.counts().noLoss()).isFalse();
        assertThat(Files.readAllLines(details)).containsExactly(
                OracleCheck.CSV_HEADER,
                "MISSING,c,1970-01-01T00:00:00Z,1970-01-01T00:00:10Z,2,0,14,0,no result on the output for 2 records",
                "WRONG,b,1970-01-01T00:00:10Z,1970-01-01T00:00:20Z,1,2,5,10,event 3 counted twice",
                "UNEXPECTED,d,1970-01-01T00:00:20Z,1970-01-01T00:00:30Z,0,1,0,4,1 record more than expected");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(json.writeValueAsString(report))
                .contains("\"verdict\":\"1 window wrong", "\"windowsMissing\":1", "\"kind\":\"WRONG\"");
    }

    @Test
    void run_outputEqualToTheExpectation_isExactWithAHeaderOnlyDetailsFile() throws Exception {
        String[] topics = topicsWithKnownInput();
        String out = topics[1];
        try (KafkaProducer<byte[], byte[]> producer = producer("oracle-it-exact")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(result(out, 0, "a", 0, 2, 30, hashes(1, 2)));
            producer.send(result(out, 1, "b", 10_000, 1, 5, hashes(3)));
            producer.send(result(out, 1, "c", 0, 2, 14, hashes(5, 5)));
            producer.commitTransaction();
        }
        Path details = dir.resolve("oracle-details.csv");

        OracleReport report = OracleCheck.run(clientConfig, topics[0], out, 2, SPEC, details, TIMEOUT);

        assertThat(report.verdict()).isEqualTo("exact");
        assertThat(report.counts().exact()).isTrue();
        assertThat(report.counts().windowsExpected()).isEqualTo(3);
        assertThat(report.outputRecordsRead()).isEqualTo(3);
        assertThat(Files.readAllLines(details)).containsExactly(OracleCheck.CSV_HEADER);
    }
}

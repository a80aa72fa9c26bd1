package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.Event;
import io.streamsim.model.Headers;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.DedupStep;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.Step;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dedup and groupBy steps at their boundaries, under the TopologyTestDriver. */
class DedupGroupByStepsTest {

    private static final String IN = "orders.events";
    private static final String OUT = "orders.windows";
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
    /** A long grace, so that a copy with an old timestamp is not late for its window. */
    private static final WindowStep TUMBLING_10S_EAGER =
            new WindowStep(new WindowSpec.Tumbling(Duration.ofSeconds(10)), Duration.ofMinutes(1), EmitMode.EAGER);

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AppMeters meters = new AppMeters(registry, "test-instance");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Event> input;
    private TestOutputTopic<String, WindowResult> output;
    private long moverId = 1_000;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(Step... steps) {
        TopologySpec spec = new TopologySpec(List.of(steps), ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1), 0L);
        Topology topology = WindowedAggregation.build(spec, IN, OUT, meters, Clock.fixed(NOW, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "steps-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(topology, props, T0);
        input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());
        output = driver.createOutputTopic(OUT, new StringDeserializer(), StreamsimSerdes.windowResults().deserializer());
    }

    private static OrderEvent order(long id, Instant eventTime, String seller, String customer) {
        return new OrderEvent(id, eventTime, seller, "order-" + id, customer, "sku-1", 1, 100, "EUR");
    }

    private void send(OrderEvent order, Instant emittedAt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.EMITTED_AT, Headers.encodeEpochMillis(emittedAt.toEpochMilli()));
        input.pipeInput(new TestRecord<>(order.sellerId(), order, headers, order.eventTime()));
    }

    private void send(OrderEvent order) {
        send(order, NOW.minusSeconds(1));
    }

    /** Stream time is moved by another event; the copy of id 1 keeps its own (old) timestamp. */
    private void sendCopyOfFirstAtStreamTime(Instant streamTime) {
        send(order(moverId++, streamTime, "seller-2", "customer-2"));
        send(order(1, T0.plusSeconds(1), "seller-1", "customer-1"));
    }

    private long countFor(String key) {
        long count = 0;
        for (WindowResult r : output.readValuesToList()) {
            if (r.key().equals(key)) {
                count = r.count();
            }
        }
        return count;
    }

    @Test
    void dedup_copyAtStreamTimeExactlyWithinAfterTheOriginal_isDropped() {
        start(new DedupStep(Duration.ofSeconds(10)), TUMBLING_10S_EAGER);

        send(order(1, T0.plusSeconds(1), "seller-1", "customer-1"));
        sendCopyOfFirstAtStreamTime(T0.plusSeconds(11));

        assertThat(countFor("seller-1")).isEqualTo(1);
        assertThat(meters.recordsDroppedDuplicate()).isEqualTo(1);
    }

    @Test
    void dedup_copyAtStreamTimeOneMsPastWithin_isKept() {
        start(new DedupStep(Duration.ofSeconds(10)), TUMBLING_10S_EAGER);

        send(order(1, T0.plusSeconds(1), "seller-1", "customer-1"));
        sendCopyOfFirstAtStreamTime(T0.plusMillis(11_001));

        assertThat(countFor("seller-1")).isEqualTo(2);
        assertThat(meters.recordsDroppedDuplicate()).isZero();
    }

    @Test
    void dedup_streamTimeIncludesTheCurrentRecord_aLateCopyIsJudgedByTheStreamTimeBeforeIt() {
        start(new DedupStep(Duration.ofSeconds(10)), TUMBLING_10S_EAGER);

        send(order(1, T0.plusSeconds(1), "seller-1", "customer-1"));
        // The copy itself carries timestamp 12s: stream time becomes 12s when it is processed, 11s past the
        // original's 1s, so it is kept. Were stream time read before the record (1s), it would be dropped.
        send(order(1, T0.plusSeconds(12), "seller-1", "customer-1"));

        assertThat(meters.recordsDroppedDuplicate()).isZero();
    }

    @Test
    void dedup_copyKeptAfterWithin_isRememberedAnew() {
        start(new DedupStep(Duration.ofSeconds(10)), TUMBLING_10S_EAGER);

        send(order(1, T0.plusSeconds(1), "seller-1", "customer-1"));
        sendCopyOfFirstAtStreamTime(T0.plusSeconds(12)); // kept, remembered at 12s
        sendCopyOfFirstAtStreamTime(T0.plusSeconds(22)); // dropped: 22s - 10s = 12s

        assertThat(meters.recordsDroppedDuplicate()).isEqualTo(1);
    }

    @Test
    void dedup_watermark_passesUntouchedAndClosesWindows() {
        start(new DedupStep(Duration.ofSeconds(10)),
                new WindowStep(new WindowSpec.Tumbling(Duration.ofSeconds(10)), Duration.ZERO, EmitMode.FINAL));

        send(order(1, T0.plusSeconds(1), "seller-1", "customer-1"));
        input.pipeInput(new TestRecord<>(Watermark.KEY, new Watermark(T0.plusSeconds(30)), new RecordHeaders(),
                T0.plusSeconds(30)));
        input.pipeInput(new TestRecord<>(Watermark.KEY, new Watermark(T0.plusSeconds(30)), new RecordHeaders(),
                T0.plusSeconds(30)));

        assertThat(output.readValuesToList()).extracting(WindowResult::key, WindowResult::count)
                .containsExactly(tuple("seller-1", 1L));
        assertThat(meters.recordsDroppedDuplicate()).isZero();
    }

    @Test
    void groupBy_reKeysByTheField_andKeepsTheEmittedAtHeader() {
        start(new GroupByStep(List.of("customerId")), TUMBLING_10S_EAGER);

        send(order(1, T0.plusSeconds(1), "seller-1", "customer-7"), NOW.minusSeconds(5));
        send(order(2, T0.plusSeconds(2), "seller-2", "customer-7"), NOW.minusSeconds(4));

        assertThat(output.readValuesToList())
                .extracting(WindowResult::key, WindowResult::count, WindowResult::lastEmittedAt)
                .containsExactly(tuple("customer-7", 1L, NOW.minusSeconds(5)), tuple("customer-7", 2L, NOW.minusSeconds(4)));
    }

    @Test
    void groupBy_topology_repartitionsThroughTheNamedTopic() {
        TopologySpec spec = new TopologySpec(List.of(new GroupByStep(List.of("userId", "page")), TUMBLING_10S_EAGER),
                ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1), 0L);

        String description = WindowedAggregation.build(spec, IN, OUT, meters).describe().toString();

        assertThat(description).contains("by-userId-page-repartition");
    }

    @Test
    void watermarkToAll_watermark_goesToEveryPartition() {
        GroupByStepBuilder.WatermarkToAll partitioner = new GroupByStepBuilder.WatermarkToAll();

        assertThat(partitioner.partitions("t", Watermark.KEY, new Watermark(T0), 4)).contains(Set.of(0, 1, 2, 3));
        assertThat(partitioner.partitions("t", "customer-7", order(1, T0, "s", "customer-7"), 4)).isEmpty();
    }

    @Test
    void groupByModel_partitionOf_isKafkasDefaultPartitionerForStringKeys() {
        List<Integer> model = new ArrayList<>();
        List<Integer> kafka = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String key = "customer-" + i;
            model.add(GroupByModel.partitionOf(key, 6));
            kafka.add(BuiltInPartitioner.partitionForKey(
                    new StringSerializer().serialize("t", key), 6));
        }
        assertThat(model).isEqualTo(kafka);
        assertThat(model.stream().distinct().count()).isEqualTo(6);
    }
}

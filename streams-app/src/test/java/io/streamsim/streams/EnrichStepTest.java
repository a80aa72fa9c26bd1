package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.Enrichment;
import io.streamsim.model.Event;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.EnrichStep;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrich step's join semantics in Kafka Streams 4.3.1, under the TopologyTestDriver (which processes every piped
 * record, the global topic's included, at once, in piping order): which row version an event is joined with, read
 * from the groupBy's repartition topic where the enriched events are written.
 */
class EnrichStepTest {

    private static final String IN = "orders.events";
    private static final String OUT = "orders.windows";
    private static final String REFERENCE = ReferenceSchema.topicBeside(IN);
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final WindowStep TUMBLING_10S_EAGER =
            new WindowStep(new WindowSpec.Tumbling(Duration.ofSeconds(10)), Duration.ofHours(1), EmitMode.EAGER);
    private static final GroupByStep BY_REGION = new GroupByStep(List.of("region"));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Event> input;
    private TestInputTopic<String, ReferenceRow> reference;
    private TestOutputTopic<String, Event> repartition;
    private long nextId = 1;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(EnrichStep enrich) {
        start(enrich, BY_REGION, TUMBLING_10S_EAGER);
    }

    private void start(Step... steps) {
        TopologySpec spec = new TopologySpec(List.of(steps), ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1), 0L);
        Topology topology = WindowedAggregation.build(spec, IN, OUT, new AppMeters(new SimpleMeterRegistry(), "test"),
                Clock.fixed(T0, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(topology, props, T0);
        input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());
        reference = driver.createInputTopic(REFERENCE, new StringSerializer(),
                StreamsimSerdes.referenceRows().serializer());
        repartition = driver.createOutputTopic(GroupByModel.repartitionTopic("enrich-test", BY_REGION),
                new StringDeserializer(), StreamsimSerdes.events().deserializer());
    }

    private static ReferenceRow row(String seller, String region, long version, Instant validFrom) {
        return new ReferenceRow(seller, Map.of("region", region, "tier", "gold", "category", "books"), version,
                validFrom);
    }

    private void table(ReferenceRow row) {
        reference.pipeInput(row.key(), row, row.validFrom());
    }

    private void order(String seller, Instant eventTime) {
        OrderEvent order = new OrderEvent(nextId++, eventTime, seller, "order-" + nextId, "customer-1", "sku-1", 1,
                100, "EUR");
        input.pipeInput(seller, order, eventTime);
    }

    /** The enrichment of each event written to the repartition topic, in order (watermarks left out). */
    private List<Enrichment> enriched() {
        return repartition.readValuesToList().stream()
                .filter(e -> !(e instanceof Watermark))
                .map(Event::enrichment)
                .toList();
    }

    private static final Instant AT_10S = T0.plusSeconds(10);
    private static final Instant AT_20S = T0.plusSeconds(20);

    /** seller-1: eu-west from the epoch (v0), us-east from 20s (v1). */
    private void sellerMovesAt20s() {
        table(row("seller-1", "eu-west", 0, Instant.EPOCH));
    }

    private void updateAt20s() {
        table(row("seller-1", "us-east", 1, AT_20S));
    }

    @Test
    void shuffleUnversioned_updateReadJustBeforeAnOlderEvent_joinsTheNewerRow() {
        start(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, null, EnrichStep.OnMissing.DROP));
        sellerMovesAt20s();
        updateAt20s();
        order("seller-1", AT_10S);

        assertThat(enriched()).extracting(Enrichment::version).containsExactly(1L);
    }

    @Test
    void shuffleUnversioned_updateReadJustAfterANewerEvent_joinsTheOlderRow() {
        start(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, null, EnrichStep.OnMissing.DROP));
        sellerMovesAt20s();
        order("seller-1", AT_20S.plusSeconds(5));
        updateAt20s();
        order("seller-1", AT_20S.plusSeconds(5));

        assertThat(enriched()).extracting(Enrichment::version).containsExactly(0L, 1L);
    }

    @Test
    void broadcast_globalUpdateJustBeforeAnOlderEvent_joinsTheNewerRow() {
        start(new EnrichStep("sellers", EnrichStep.Join.BROADCAST, null, EnrichStep.OnMissing.DROP));
        sellerMovesAt20s();
        updateAt20s();
        order("seller-1", AT_10S);

        assertThat(enriched()).extracting(e -> e.attributes().get("region")).containsExactly("us-east");
    }

    @Test
    void broadcast_globalUpdateJustAfterANewerEvent_joinsTheOlderRow() {
        start(new EnrichStep("sellers", EnrichStep.Join.BROADCAST, null, EnrichStep.OnMissing.DROP));
        sellerMovesAt20s();
        order("seller-1", AT_20S.plusSeconds(5));
        updateAt20s();

        assertThat(enriched()).extracting(e -> e.attributes().get("region")).containsExactly("eu-west");
    }

    @Test
    void versioned_eventBeforeAnAlreadyReadUpdate_joinsTheRowAsOfItsOwnTime() {
        start(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, Duration.ofHours(1), EnrichStep.OnMissing.DROP));
        sellerMovesAt20s();
        updateAt20s();
        order("seller-1", AT_20S.minusMillis(1));
        order("seller-1", AT_20S);
        order("seller-1", AT_10S);

        assertThat(enriched()).extracting(Enrichment::version).containsExactly(0L, 1L, 0L);
    }

    /**
     * seller-1 moves at 95s; seller-2's update at 100s takes the table's stream time to 100s; history 10s: a lookup
     * as of a time before 90s is outside the history. Kafka 4.3.1 then still answers from the latest version when
     * that one is old enough (the latest version never expires), and otherwise finds nothing.
     */
    private void historyEdgeTable() {
        table(row("seller-1", "eu-west", 0, Instant.EPOCH));
        table(row("seller-3", "eu-west", 0, Instant.EPOCH));
        table(row("seller-1", "us-east", 1, T0.plusSeconds(95)));
        table(row("seller-2", "ap-east", 1, T0.plusSeconds(100)));
    }

    @Test
    void versioned_eventJustOlderThanHistory_findsNoRowAndIsDropped() {
        start(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, Duration.ofSeconds(10), EnrichStep.OnMissing.DROP));
        historyEdgeTable();
        order("seller-1", T0.plusSeconds(90).minusMillis(1));
        order("seller-1", T0.plusSeconds(90));

        assertThat(enriched()).extracting(Enrichment::version).containsExactly(0L);
    }

    @Test
    void versioned_eventOlderThanHistoryWhoseKeyNeverChanged_findsTheLatestVersion() {
        start(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, Duration.ofSeconds(10), EnrichStep.OnMissing.DROP));
        historyEdgeTable();
        order("seller-3", T0.plusSeconds(5));

        assertThat(enriched()).extracting(Enrichment::version).containsExactly(0L);
    }

    @Test
    void versioned_eventOlderThanHistoryKept_carriesNoRow() {
        start(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, Duration.ofSeconds(10), EnrichStep.OnMissing.KEEP));
        historyEdgeTable();
        order("seller-1", T0.plusSeconds(90).minusMillis(1));

        assertThat(enriched()).containsExactly(Enrichment.MISSING);
    }

    @Test
    void onMissingDrop_keyWithoutRow_isDroppedAndTheWatermarkStillPasses() {
        start(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, null, EnrichStep.OnMissing.DROP));
        sellerMovesAt20s();
        order("seller-9", AT_10S);
        order("seller-1", AT_10S);
        input.pipeInput(Watermark.KEY, new Watermark(T0.plusSeconds(3600)), T0.plusSeconds(3600));

        List<Event> written = repartition.readValuesToList();
        assertThat(written).hasSize(2);
        assertThat(written.get(0).key()).isEqualTo("seller-1");
        assertThat(written.get(1)).isInstanceOf(Watermark.class);
    }

    @Test
    void onMissingKeep_keyWithoutRow_isAggregatedUnderNoRow() {
        start(new EnrichStep("sellers", EnrichStep.Join.BROADCAST, null, EnrichStep.OnMissing.KEEP));
        sellerMovesAt20s();
        order("seller-9", AT_10S);
        order("seller-1", AT_10S);

        assertThat(enriched()).containsExactly(Enrichment.MISSING, new Enrichment(
                Map.of("region", "eu-west", "tier", "gold", "category", "books"), 0));
        TestOutputTopic<String, WindowResult> output = driver.createOutputTopic(OUT, new StringDeserializer(),
                StreamsimSerdes.windowResults().deserializer());
        assertThat(output.readValuesToList()).extracting(WindowResult::key)
                .containsExactly(Enrichment.NO_ROW, "eu-west");
    }

    @Test
    void enrichWithoutGroupBy_aggregatesPerEventKeyAsBefore() {
        start(new EnrichStep("sellers", EnrichStep.Join.BROADCAST, null, EnrichStep.OnMissing.DROP),
                TUMBLING_10S_EAGER);
        sellerMovesAt20s();
        order("seller-1", AT_10S);

        TestOutputTopic<String, WindowResult> output = driver.createOutputTopic(OUT, new StringDeserializer(),
                StreamsimSerdes.windowResults().deserializer());
        assertThat(output.readValuesToList()).extracting(WindowResult::key, WindowResult::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("seller-1", 1L));
    }

    @Test
    void shuffleAfterDedup_tableRecordMovesTheTaskStreamTime_soACopyPastWithinIsKept() {
        start(new io.streamsim.model.scenario.DedupStep(Duration.ofSeconds(10)),
                new EnrichStep("sellers", EnrichStep.Join.SHUFFLE, null, EnrichStep.OnMissing.DROP),
                BY_REGION, TUMBLING_10S_EAGER);
        sellerMovesAt20s();
        OrderEvent original = new OrderEvent(1, T0, "seller-1", "order-1", "customer-1", "sku-1", 1, 100, "EUR");
        input.pipeInput("seller-1", original, T0);
        table(row("seller-2", "ap-east", 1, T0.plusSeconds(10).plusMillis(1)));
        input.pipeInput("seller-1", original, T0);

        assertThat(enriched()).hasSize(2);
    }

    @Test
    void broadcastAfterDedup_globalRecordLeavesTheTaskStreamTime_soTheCopyIsDropped() {
        start(new io.streamsim.model.scenario.DedupStep(Duration.ofSeconds(10)),
                new EnrichStep("sellers", EnrichStep.Join.BROADCAST, null, EnrichStep.OnMissing.DROP),
                BY_REGION, TUMBLING_10S_EAGER);
        sellerMovesAt20s();
        OrderEvent original = new OrderEvent(1, T0, "seller-1", "order-1", "customer-1", "sku-1", 1, 100, "EUR");
        input.pipeInput("seller-1", original, T0);
        table(row("seller-2", "ap-east", 1, T0.plusSeconds(10).plusMillis(1)));
        input.pipeInput("seller-1", original, T0);

        assertThat(enriched()).hasSize(1);
    }
}

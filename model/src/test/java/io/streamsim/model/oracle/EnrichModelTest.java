package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.Enrichment;
import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.EnrichStep;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.Step;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The enrich step's event-time truth, the audit of the versions the app used, and the groupBy after it. */
class EnrichModelTest {

    private static final EnrichStep VERSIONED = new EnrichStep("sellers", EnrichStep.Join.SHUFFLE,
            Duration.ofHours(1), EnrichStep.OnMissing.DROP);
    private static final EnrichStep BROADCAST_KEEP = new EnrichStep("sellers", EnrichStep.Join.BROADCAST, null,
            EnrichStep.OnMissing.KEEP);
    private static final WindowStep TUMBLING_10S =
            new WindowStep(new WindowSpec.Tumbling(Duration.ofSeconds(10)), Duration.ZERO, EmitMode.FINAL);
    private static final GroupByStep BY_REGION = new GroupByStep(List.of("region"));

    private static ReferenceRow row(String seller, String region, long version, long validFromMs) {
        return new ReferenceRow(seller, Map.of("region", region), version, Instant.ofEpochMilli(validFromMs));
    }

    /** seller-1: eu-west from the epoch (v0), us-east from 20s (v1), ap-east from 30s (v2); seller-9 has no row. */
    private static ReferenceHistory history() {
        ReferenceHistory h = new ReferenceHistory();
        h.accept(row("seller-1", "ap-east", 2, 30_000));
        h.accept(row("seller-1", "eu-west", 0, 0));
        h.accept(row("seller-1", "us-east", 1, 20_000));
        return h;
    }

    private static OrderEvent order(long id, String seller, long timestampMs) {
        return new OrderEvent(id, Instant.ofEpochMilli(timestampMs), seller, "o-" + id, "c", "sku", 1, 10, "EUR");
    }

    @Test
    void asOf_atAndJustBeforeAnUpdate_givesTheNewAndTheOldVersion() {
        ReferenceHistory h = history();

        assertThat(h.asOf("seller-1", 19_999).version()).isZero();
        assertThat(h.asOf("seller-1", 20_000).version()).isEqualTo(1);
        assertThat(h.asOf("seller-1", 99_000).version()).isEqualTo(2);
        assertThat(h.asOf("seller-9", 99_000)).isNull();
        assertThat(h.rows()).isEqualTo(3);
    }

    @Test
    void apply_onMissingDropOrKeep_dropsOrMarksTheEventAndLetsWatermarksPass() {
        EnrichModel drop = new EnrichModel(VERSIONED, history());
        EnrichModel keep = new EnrichModel(BROADCAST_KEEP, history());
        Watermark watermark = new Watermark(Instant.ofEpochMilli(1));

        assertThat(drop.apply(order(1, "seller-9", 5_000))).isNull();
        assertThat(keep.apply(order(1, "seller-9", 5_000)).enrichment()).isEqualTo(Enrichment.MISSING);
        assertThat(drop.apply(order(2, "seller-1", 25_000)).field("region")).isEqualTo("us-east");
        assertThat(drop.apply(watermark)).isSameAs(watermark);
    }

    @Test
    void audit_versionsUsedAgainstTheEventTimeTruth_areCountedPerCause() {
        EnrichAudit audit = new EnrichAudit(history());
        OrderEvent at25s = order(1, "seller-1", 25_000);

        audit.accept(at25s.withEnrichment(new Enrichment(Map.of("region", "us-east"), 1)));
        audit.accept(at25s.withEnrichment(new Enrichment(Map.of("region", "eu-west"), 0)));
        audit.accept(at25s.withEnrichment(new Enrichment(Map.of("region", "ap-east"), 2)));
        audit.accept(at25s.withEnrichment(Enrichment.MISSING));
        audit.accept(order(2, "seller-9", 1).withEnrichment(new Enrichment(Map.of("region", "x"), 0)));
        audit.accept(order(3, "seller-9", 1).withEnrichment(Enrichment.MISSING));
        audit.accept(order(4, "seller-1", 1));

        assertThat(List.of(audit.asOfEventTime(), audit.stale(), audit.future(), audit.noRow(), audit.unexpectedRow()))
                .containsExactly(2L, 1L, 1L, 1L, 1L);
        assertThat(audit.events()).isEqualTo(6);
        assertThat(audit.differing()).isEqualTo(4);
    }

    @Test
    void oracle_versionedJoinThenGroupByRegion_routesByTheRowAsOfEventTime() {
        WindowOracle oracle = new WindowOracle(spec(VERSIONED, BY_REGION, TUMBLING_10S), w -> false, 1, history());
        feed(oracle, 0, order(1, "seller-1", 19_999));
        feed(oracle, 1, order(2, "seller-1", 20_000));
        feed(oracle, 2, order(3, "seller-9", 20_000));
        feed(oracle, 3, new Watermark(Instant.ofEpochMilli(100_000)));

        assertThat(oracle.result().windows()).containsOnlyKeys(new WindowKey("eu-west", 10_000),
                new WindowKey("us-east", 20_000));
        assertThat(oracle.droppedByEnrich()).isEqualTo(1);
        assertThat(oracle.result().events()).isEqualTo(2);
        assertThat(oracle.repartition().orElseThrow().placementKnown()).isFalse();
    }

    @Test
    void replay_processingTimeJoinThenGroupByRegion_findsAnEventInAnyPartition() {
        TopologySpec spec = spec(BROADCAST_KEEP, BY_REGION, TUMBLING_10S);
        WindowOracle oracle = new WindowOracle(spec, w -> false, 2, history());
        OrderEvent event = order(1, "seller-1", 25_000);
        feed(oracle, 0, event);
        RepartitionExpectation expected = oracle.repartition().orElseThrow();
        int predicted = GroupByModel.partitionOf("us-east", 2);
        RepartitionReplay replay = new RepartitionReplay(spec, expected, 1, w -> false);

        Event stale = event.withEnrichment(new Enrichment(Map.of("region", "eu-west"), 0));
        replay.accept(1 - predicted, 0, 25_000, "eu-west".getBytes(StandardCharsets.UTF_8), EventCodec.encode(stale));

        assertThat(expected.placementKnown()).isFalse();
        assertThat(replay.recordsMissing()).isZero();
        assertThat(replay.extraCopies()).isZero();
    }

    @Test
    void replay_groupByAFieldOfTheEventAfterEnrich_eventInAnotherPartitionIsMissingThere() {
        TopologySpec spec = spec(VERSIONED, new GroupByStep(List.of("customerId")), TUMBLING_10S);
        WindowOracle oracle = new WindowOracle(spec, w -> false, 2, history());
        OrderEvent event = order(1, "seller-1", 25_000);
        feed(oracle, 0, event);
        int predicted = GroupByModel.partitionOf("c", 2);
        RepartitionReplay replay = new RepartitionReplay(spec, oracle.repartition().orElseThrow(), 1, w -> false);

        replay.accept(1 - predicted, 0, 25_000, "c".getBytes(StandardCharsets.UTF_8), EventCodec.encode(event));

        assertThat(oracle.repartition().orElseThrow().placementKnown()).isTrue();
        assertThat(replay.recordsMissing()).isEqualTo(1);
        assertThat(replay.extraCopies()).isEqualTo(1);
    }

    private static TopologySpec spec(Step... steps) {
        return new TopologySpec(List.of(steps), ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100), null);
    }

    private static void feed(WindowOracle oracle, long offset, Event event) {
        oracle.accept(0, offset, event.eventTime().toEpochMilli(), event.key().getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(event));
    }
}

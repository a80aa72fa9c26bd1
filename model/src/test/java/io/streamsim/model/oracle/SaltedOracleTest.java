package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle of a salted groupBy: stage 1 per sub-key and stage-1 task, stage 2 summing the partials. */
class SaltedOracleTest {

    private static final WindowStep TUMBLING_10S =
            new WindowStep(new WindowSpec.Tumbling(Duration.ofSeconds(10)), Duration.ZERO, EmitMode.FINAL);
    private static final GroupByStep SALTED = new GroupByStep(List.of("customerId"), 4);

    private static TopologySpec spec(GroupByStep groupBy) {
        return new TopologySpec(List.of(groupBy, TUMBLING_10S), ProcessingGuarantee.AT_LEAST_ONCE,
                Duration.ofSeconds(1), null);
    }

    private static OrderEvent order(long id, long timestampMs) {
        return new OrderEvent(id, Instant.ofEpochMilli(timestampMs), "seller-" + id, "o-" + id, "customer-1", "sku", 1,
                10 * id, "EUR");
    }

    private static void feed(WindowOracle oracle, int partition, long offset, Event event) {
        oracle.accept(partition, offset, event.eventTime().toEpochMilli(),
                event.key().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event));
    }

    private static void feedReplay(RepartitionReplay replay, long offset, Event event) {
        replay.accept(0, offset, event.eventTime().toEpochMilli(),
                SALTED.subKeyOf(event).getBytes(StandardCharsets.UTF_8), EventCodec.encode(event));
    }

    /** Two ids of customer-1 whose sub-keys land on different partitions of a 4-partition repartition topic. */
    private static long[] idsOnTwoStageOneTasks() {
        int first = GroupByModel.partitionOf(SALTED.subKeyOf(order(1, 0)), 4);
        for (long id = 2; ; id++) {
            if (GroupByModel.partitionOf(SALTED.subKeyOf(order(id, 0)), 4) != first) {
                return new long[] {1, id};
            }
        }
    }

    @Test
    void saltedOracle_inOrderInput_predictsTheUnsaltedWindows() {
        WindowOracle unsalted = new WindowOracle(spec(new GroupByStep(List.of("customerId"))), w -> false, 4);
        WindowOracle salted = new WindowOracle(spec(SALTED), w -> false, 4);
        for (long id = 1; id <= 200; id++) {
            OrderEvent order = order(id, id * 137);
            feed(unsalted, (int) (id % 3), id, order);
            feed(salted, (int) (id % 3), id, order);
        }

        assertThat(salted.result().windows()).hasSize(3).isEqualTo(unsalted.result().windows());
        assertThat(salted.repartition().orElseThrow().eventCopies()).filteredOn(copies -> !copies.isEmpty())
                .as("the sub-keys of one key spread over stage-1 tasks").hasSizeGreaterThan(1);
    }

    @Test
    void saltedOracle_recordLateForItsKeysTaskButNotForItsSubKeys_isAggregated() {
        long[] ids = idsOnTwoStageOneTasks();
        WindowOracle unsalted = new WindowOracle(spec(new GroupByStep(List.of("customerId"))), w -> false, 4);
        WindowOracle salted = new WindowOracle(spec(SALTED), w -> false, 4);
        for (WindowOracle oracle : List.of(unsalted, salted)) {
            feed(oracle, 0, 0, order(ids[0], 15_000));
            feed(oracle, 0, 1, order(ids[1], 5_000));
        }

        assertThat(unsalted.result().droppedLate()).isEqualTo(1);
        assertThat(salted.result().droppedLate()).as("stage 1's stream time is per sub-key partition").isZero();
        assertThat(salted.result().windows().get(new WindowKey("customer-1", 0)).count()).isEqualTo(1);
    }

    /** Input: partition 0 holds event a at 15s, partition 1 events b at 5s and c at 6s; one stage-1 task. */
    private static RepartitionExpectation expectation(long a, long b, long c) {
        WindowOracle input = new WindowOracle(spec(SALTED), w -> false, 1);
        feed(input, 0, 0, order(a, 15_000));
        feed(input, 1, 0, order(b, 5_000));
        feed(input, 1, 1, order(c, 6_000));
        feed(input, 0, 1, new Watermark(Instant.ofEpochMilli(60_000)));
        feed(input, 1, 2, new Watermark(Instant.ofEpochMilli(60_000)));
        return input.repartition().orElseThrow();
    }

    @Test
    void replay_saltedSubKeysLateOnlyByInterleaving_areCountedApartAndCombinedPerKey() {
        RepartitionReplay replay = new RepartitionReplay(spec(SALTED), expectation(1, 2, 3), 2, w -> true);

        feedReplay(replay, 0, order(1, 15_000));
        feedReplay(replay, 1, order(2, 5_000));
        feedReplay(replay, 2, order(3, 6_000));
        feedReplay(replay, 3, new Watermark(Instant.ofEpochMilli(60_000)));
        feedReplay(replay, 4, new Watermark(Instant.ofEpochMilli(60_000)));

        assertThat(replay.result().droppedLate()).isEqualTo(2);
        assertThat(replay.droppedLateByInterleaving()).isEqualTo(2);
        assertThat(replay.recordsMissing()).isZero();
        assertThat(replay.result().windows()).containsOnlyKeys(new WindowKey("customer-1", 10_000));
        assertThat(replay.result().trace(new WindowKey("customer-1", 0)).orElseThrow().droppedIds())
                .containsExactlyInAnyOrder(2L, 3L);
    }

    @Test
    void replay_saltedPartialsOfOneWindow_addUpUnderTheOriginalKey() {
        assertThat(SALTED.subKeyOf(order(2, 0))).as("precondition: two sub-keys")
                .isNotEqualTo(SALTED.subKeyOf(order(3, 0)));
        RepartitionReplay replay = new RepartitionReplay(spec(SALTED), expectation(1, 2, 3), 2, w -> false);

        feedReplay(replay, 0, order(2, 5_000));
        feedReplay(replay, 1, order(3, 6_000));
        feedReplay(replay, 2, order(1, 15_000));

        ExpectedWindow first = replay.result().windows().get(new WindowKey("customer-1", 0));
        assertThat(first.count()).isEqualTo(2);
        assertThat(first.sum()).isEqualTo(20 + 30);
        assertThat(first.endMs()).isEqualTo(10_000);
        assertThat(replay.droppedLateByInterleaving()).isZero();
    }
}

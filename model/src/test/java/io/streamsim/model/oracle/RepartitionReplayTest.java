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

class RepartitionReplayTest {

    private static final TopologySpec SPEC = new TopologySpec(List.of(new GroupByStep(List.of("customerId")),
            new WindowStep(new WindowSpec.Tumbling(Duration.ofSeconds(10)), Duration.ZERO, EmitMode.FINAL)),
            ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1), null);

    private static OrderEvent order(long id, long timestampMs) {
        return new OrderEvent(id, Instant.ofEpochMilli(timestampMs), "seller-" + id, "o-" + id, "customer-1", "sku", 1,
                10, "EUR");
    }

    private static void feed(WindowOracle oracle, int partition, long offset, Event event) {
        oracle.accept(partition, offset, event.eventTime().toEpochMilli(),
                event.key().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event));
    }

    private static void feed(RepartitionReplay replay, long offset, Event event) {
        String key = event instanceof Watermark ? Watermark.KEY : "customer-1";
        replay.accept(0, offset, event.eventTime().toEpochMilli(), key.getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(event));
    }

    /** Input: partition 0 holds event 1 at 15s, partition 1 events 2 at 5s and 3 at 6s; both end with a watermark. */
    private static RepartitionExpectation expectation() {
        WindowOracle input = new WindowOracle(SPEC, w -> false, 1);
        feed(input, 0, 0, order(1, 15_000));
        feed(input, 1, 0, order(2, 5_000));
        feed(input, 1, 1, order(3, 6_000));
        feed(input, 0, 1, new Watermark(Instant.ofEpochMilli(60_000)));
        feed(input, 1, 2, new Watermark(Instant.ofEpochMilli(60_000)));
        return input.repartition().orElseThrow();
    }

    @Test
    void replay_recordLateOnlyBecauseAnotherUpstreamTaskWentFirst_isCountedAsInterleaving() {
        RepartitionReplay replay = new RepartitionReplay(SPEC, expectation(), 2, w -> false);

        feed(replay, 0, order(1, 15_000));
        feed(replay, 1, order(2, 5_000));
        feed(replay, 2, order(3, 6_000));
        feed(replay, 3, new Watermark(Instant.ofEpochMilli(60_000)));
        feed(replay, 4, new Watermark(Instant.ofEpochMilli(60_000)));

        assertThat(replay.result().droppedLate()).isEqualTo(2);
        assertThat(replay.droppedLateUnderAnyOrder()).isZero();
        assertThat(replay.droppedLateByInterleaving()).isEqualTo(2);
        assertThat(replay.recordsMissing()).isZero();
        assertThat(replay.result().windows()).containsOnlyKeys(new WindowKey("customer-1", 10_000));
    }

    @Test
    void replay_upstreamOrderAlreadyLate_isLateUnderAnyOrder() {
        RepartitionReplay replay = new RepartitionReplay(SPEC, expectation(), 2, w -> false);

        feed(replay, 0, order(2, 5_000));
        feed(replay, 1, order(3, 6_000));
        feed(replay, 2, order(1, 15_000));

        assertThat(replay.result().droppedLate()).isZero();
        assertThat(replay.droppedLateByInterleaving()).isZero();
        assertThat(replay.result().windows().get(new WindowKey("customer-1", 0)).count()).isEqualTo(2);
    }

    @Test
    void replay_extraCopyAndMissingRecord_areCountedAndTheCopyIsNotExpected() {
        RepartitionReplay replay = new RepartitionReplay(SPEC, expectation(), 2, w -> false);

        feed(replay, 0, order(2, 5_000));
        feed(replay, 1, order(2, 5_000));
        feed(replay, 2, order(1, 15_000));
        feed(replay, 3, new Watermark(Instant.ofEpochMilli(60_000)));
        feed(replay, 4, new Watermark(Instant.ofEpochMilli(60_000)));
        feed(replay, 5, new Watermark(Instant.ofEpochMilli(60_000)));

        assertThat(replay.extraCopies()).isEqualTo(2);
        assertThat(replay.recordsMissing()).isEqualTo(1);
        assertThat(replay.recordsExpected()).isEqualTo(5);
        assertThat(replay.result().windows().get(new WindowKey("customer-1", 0)).count()).isEqualTo(1);
    }

    @Test
    void replay_sessionWindows_leavesTheInterleavingCountUncomputed() {
        TopologySpec sessions = SPEC.withSteps(List.of(new GroupByStep(List.of("customerId")),
                new WindowStep(new WindowSpec.Session(Duration.ofSeconds(10)), Duration.ZERO, EmitMode.FINAL)));
        RepartitionReplay replay = new RepartitionReplay(sessions, expectation(), 2, w -> false);

        feed(replay, 0, order(1, 15_000));
        feed(replay, 1, order(2, 5_000));

        assertThat(replay.droppedLateUnderAnyOrder()).as("a task per upstream partition would split the sessions")
                .isEqualTo(-1);
        assertThat(replay.droppedLateByInterleaving()).isEqualTo(-1);
    }
}

package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.Event;
import io.streamsim.model.Headers;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.oracle.GroupByModel;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A salted groupBy's two stages under the TopologyTestDriver: stage 1 per sub-key, each partial emitted once when
 * its window closes, stage 2 combining them per original key into the unsalted topology's results.
 */
class SaltedGroupByTest {

    private static final String APP = "salt-test";
    private static final String IN = "orders.events";
    private static final String OUT = "orders.windows";
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
    private static final Duration SIZE = Duration.ofSeconds(10);
    private static final GroupByStep BY_SELLER = new GroupByStep(List.of("sellerId"));
    private static final GroupByStep BY_SELLER_SALT_4 = new GroupByStep(List.of("sellerId"), 4);

    @TempDir
    Path stateDir;

    private final List<TopologyTestDriver> drivers = new ArrayList<>();

    @AfterEach
    void closeDrivers() {
        drivers.forEach(TopologyTestDriver::close);
    }

    /** One topology under the driver: its input, output, second repartition topic and meters. */
    private final class Run {
        final AppMeters meters = new AppMeters(new SimpleMeterRegistry(), "test-instance");
        final TopologyTestDriver driver;
        final TestInputTopic<String, Event> input;
        final TestOutputTopic<String, WindowResult> output;
        final TestOutputTopic<Windowed<String>, WindowAgg> partials;

        Run(GroupByStep groupBy, WindowStep window, String stateSubDir) {
            TopologySpec spec = new TopologySpec(List.of(groupBy, window), ProcessingGuarantee.AT_LEAST_ONCE,
                    Duration.ofSeconds(1), 0L);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(stateSubDir).toString());
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
            driver = new TopologyTestDriver(WindowedAggregation.build(spec, IN, OUT, meters,
                    Clock.fixed(NOW, ZoneOffset.UTC)), props, T0);
            drivers.add(driver);
            input = driver.createInputTopic(IN, new StringSerializer(), StreamsimSerdes.events().serializer());
            output = driver.createOutputTopic(OUT, new StringDeserializer(), StreamsimSerdes.windowResults().deserializer());
            partials = driver.createOutputTopic(GroupByModel.unsaltedRepartitionTopic(APP, groupBy),
                    new WindowedSerdes.TimeWindowedSerde<>(new org.apache.kafka.common.serialization.Serdes.StringSerde(),
                            SIZE.toMillis()).deserializer(), WindowAgg.serde().deserializer());
        }

        void send(Event event) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Headers.EMITTED_AT, Headers.encodeEpochMillis(NOW.minusSeconds(1).toEpochMilli()));
            String key = event instanceof Watermark ? Watermark.KEY : "order-key";
            input.pipeInput(new TestRecord<>(key, event, headers, event.eventTime()));
        }

        /** The latest result of every (key, window start). */
        Map<KeyValue<String, Instant>, WindowResult> latest() {
            Map<KeyValue<String, Instant>, WindowResult> latest = new HashMap<>();
            for (WindowResult r : output.readValuesToList()) {
                latest.put(KeyValue.pair(r.key(), r.windowStart()), r);
            }
            return latest;
        }
    }

    private static WindowStep tumbling(Duration grace, EmitMode emit) {
        return new WindowStep(new WindowSpec.Tumbling(SIZE), grace, emit);
    }

    private static OrderEvent order(long id, Instant eventTime, String seller) {
        return new OrderEvent(id, eventTime, seller, "order-" + id, "customer-" + (id % 7), "sku-1", 1, 100 + id, "EUR");
    }

    /** The ids from {@code from} on that {@code step} salts into as many different sub-keys as it can, one each. */
    private static List<Long> idsOnDistinctSalts(GroupByStep step, long from, int howMany) {
        List<Long> ids = new ArrayList<>();
        Set<Integer> salts = new HashSet<>();
        for (long id = from; ids.size() < howMany; id++) {
            if (salts.add(step.saltOf(order(id, T0, "s")))) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void salted_sameDisorderedInput_equalsTheUnsaltedResultsAndLateDrops() {
        for (WindowSpec.Aligned window : List.of(new WindowSpec.Tumbling(SIZE),
                new WindowSpec.Hopping(SIZE, Duration.ofSeconds(4)))) {
            WindowStep step = new WindowStep(window, Duration.ofSeconds(2), EmitMode.FINAL);
            Run unsalted = new Run(BY_SELLER, step, window.describe() + "-unsalted");
            Run salted = new Run(new GroupByStep(List.of("sellerId"), 8), step, window.describe() + "-salted");
            SplittableRandom random = new SplittableRandom(42);
            long clockMs = 0;
            for (long id = 1; id <= 400; id++) {
                clockMs += random.nextLong(300);
                long ts = random.nextDouble() < 0.3 ? Math.max(0, clockMs - random.nextLong(15_000)) : clockMs;
                // a hot seller: half the events
                String seller = random.nextBoolean() ? "seller-hot" : "seller-" + random.nextInt(5);
                OrderEvent order = order(id, T0.plusMillis(ts), seller);
                unsalted.send(order);
                salted.send(order);
            }
            Watermark end = new Watermark(T0.plusMillis(clockMs + 60_000));
            unsalted.send(end);
            salted.send(end);

            Map<KeyValue<String, Instant>, WindowResult> expected = unsalted.latest();
            assertThat(expected).as(window.describe()).hasSizeGreaterThan(20);
            assertThat(salted.latest()).as(window.describe()).isEqualTo(expected);
            assertThat(unsalted.meters.recordsDroppedLate()).as(window.describe()).isPositive();
            assertThat(salted.meters.recordsDroppedLate()).as(window.describe())
                    .isEqualTo(unsalted.meters.recordsDroppedLate());
        }
    }

    @Test
    void salted_eachPartial_isEmittedOnceWhenItsWindowClosesAndTheLatestResultIsTheTotal() {
        Run run = new Run(BY_SELLER_SALT_4, tumbling(Duration.ZERO, EmitMode.FINAL), "once");
        List<Long> ids = idsOnDistinctSalts(BY_SELLER_SALT_4, 1, 3);
        for (long id : ids) {
            run.send(order(id, T0.plusSeconds(id % 9), "seller-1"));
            run.send(order(id + 1_000, T0.plusSeconds(9), "seller-1"));
        }
        run.send(order(5_000, T0.plusMillis(9_999), "seller-1"));
        assertThat(run.partials.isEmpty()).as("no partial before stream time reaches the window's end").isTrue();
        assertThat(run.output.isEmpty()).isTrue();

        run.send(order(6_000, T0.plusSeconds(10), "seller-2")); // stream time 10s closes [0s;10s)

        Set<Integer> saltsUsed = new HashSet<>();
        for (long id : List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(0) + 1_000, ids.get(1) + 1_000,
                ids.get(2) + 1_000, 5_000L)) {
            saltsUsed.add(BY_SELLER_SALT_4.saltOf(order(id, T0, "seller-1")));
        }
        List<KeyValue<Windowed<String>, WindowAgg>> partials = run.partials.readKeyValuesToList();
        assertThat(partials).extracting(p -> p.key.key()).containsOnly("seller-1");
        assertThat(partials).hasSize(saltsUsed.size());
        assertThat(partials.stream().mapToLong(p -> p.value.count()).sum()).isEqualTo(7);
        List<WindowResult> results = run.output.readValuesToList();
        assertThat(results).hasSize(saltsUsed.size());
        assertThat(results.get(results.size() - 1).count()).isEqualTo(7);
        assertThat(results.get(results.size() - 1).windowEnd()).isEqualTo(T0.plusSeconds(10));

        run.send(order(7_000, T0.plusSeconds(25), "seller-3")); // closes [10s;20s): seller-2's partial only
        assertThat(run.partials.readKeyValuesToList()).extracting(p -> p.key.key()).containsExactly("seller-2");
    }

    @Test
    void salted_eagerEmit_stillWaitsForStageOneToCloseTheWindow() {
        Run run = new Run(BY_SELLER_SALT_4, tumbling(Duration.ofSeconds(5), EmitMode.EAGER), "eager");
        run.send(order(1, T0.plusSeconds(1), "seller-1"));
        run.send(order(2, T0.plusSeconds(14), "seller-1")); // stream time 14s < end 10s + grace 5s

        assertThat(run.output.isEmpty()).isTrue();

        run.send(order(3, T0.plusSeconds(15), "seller-1"));

        assertThat(run.output.readValuesToList()).extracting(WindowResult::key, WindowResult::windowStart,
                WindowResult::count).containsExactly(org.assertj.core.groups.Tuple.tuple("seller-1", T0, 1L));
    }

    @Test
    void salted_endOfStreamWatermark_closesStageOneAndReachesStageTwo() {
        Run run = new Run(BY_SELLER_SALT_4, tumbling(Duration.ofSeconds(5), EmitMode.FINAL), "watermark");
        run.send(order(1, T0.plusSeconds(1), "seller-1"));
        run.send(order(2, T0.plusSeconds(12), "seller-2"));
        run.send(order(3, T0.plusSeconds(13), "seller-1"));
        assertThat(run.output.isEmpty()).isTrue();

        run.send(new Watermark(T0.plusSeconds(60)));

        assertThat(run.latest().values()).extracting(WindowResult::key, WindowResult::windowStart, WindowResult::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("seller-1", T0, 1L),
                        org.assertj.core.groups.Tuple.tuple("seller-1", T0.plusSeconds(10), 1L),
                        org.assertj.core.groups.Tuple.tuple("seller-2", T0.plusSeconds(10), 1L));
        assertThat(run.partials.readKeyValuesToList()).extracting(p -> p.key.key())
                .containsOnlyOnce(Watermark.KEY).contains("seller-1", "seller-2");
    }

    @Test
    void salted_lateRecord_isDroppedInStageOneAndCounted() {
        Run run = new Run(BY_SELLER_SALT_4, tumbling(Duration.ZERO, EmitMode.FINAL), "late");
        run.send(order(1, T0.plusSeconds(1), "seller-1"));
        run.send(order(2, T0.plusSeconds(10), "seller-2")); // closes [0s;10s) in stage 1
        run.send(order(3, T0.plusSeconds(5), "seller-1")); // late for [0s;10s), whatever its sub-key
        run.send(new Watermark(T0.plusSeconds(60)));

        assertThat(run.meters.recordsDroppedLate()).isEqualTo(1);
        assertThat(run.latest().get(KeyValue.pair("seller-1", T0)).count()).isEqualTo(1);
    }

    @Test
    void salted_topology_repartitionsThroughBothNamedTopics() {
        TopologySpec spec = new TopologySpec(List.of(BY_SELLER_SALT_4, tumbling(Duration.ZERO, EmitMode.FINAL)),
                ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100), null);
        String description = WindowedAggregation.build(spec, IN, OUT,
                new AppMeters(new SimpleMeterRegistry(), "i")).describe().toString();

        assertThat(description).contains("by-sellerId-repartition", "by-sellerId-unsalted-repartition",
                "until-window-closes", "combine-partials");
    }

    @Test
    void byOriginalKey_partialGoesWhereTheKeyHashesAndTheWatermarkEverywhere() {
        SaltedStages.ByOriginalKey partitioner = new SaltedStages.ByOriginalKey();
        Windowed<String> partial = new Windowed<>("seller-42",
                new org.apache.kafka.streams.kstream.internals.TimeWindow(0, 10_000));
        Windowed<String> watermark = new Windowed<>(Watermark.KEY,
                new org.apache.kafka.streams.kstream.internals.TimeWindow(0, 10_000));

        assertThat(partitioner.partitions("t", partial, WindowAgg.EMPTY, 6))
                .contains(Set.of(GroupByModel.partitionOf("seller-42", 6)));
        assertThat(partitioner.partitions("t", watermark, WindowAgg.EMPTY, 4)).contains(Set.of(0, 1, 2, 3));
    }
}

package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import io.streamsim.model.oracle.Expectation;
import io.streamsim.model.oracle.OracleVerdict;
import io.streamsim.model.oracle.WindowOracle;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle's sliding-window model against the real topology, as {@link OraclePropertyTest} does for aligned
 * windows: random, heavily disordered input (records up to three times timeDifference + grace late, records on
 * window bounds, records earlier than timeDifference, duplicates, null keys, poison, clicks with views and
 * purchases), grace zero and not, eager and final emission. Every window's latest output must equal the oracle's
 * expectation (sequence measure included), and the oracle's late drops the app's meter and Kafka's dropped-records.
 * Stray watermarks are never late here: the app does not count a watermark's drops, Kafka does.
 */
class SlidingOraclePropertyTest {

    private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3");
    private static final String[] ACTIONS = {"view", "view", "view", "purchase", "click"};

    private static final int CASES = 50;
    private static final AtomicInteger casesRun = new AtomicInteger();
    private static final AtomicInteger casesWithLateDrops = new AtomicInteger();
    private static final AtomicInteger casesWithPartialDrops = new AtomicInteger();
    private static final AtomicInteger casesWithViewedTwiceThenBought = new AtomicInteger();

    @TempDir
    Path stateDir;

    /** Guards the generator: a property that never meets a late record or the sequence answer proves little. */
    @AfterAll
    static void theCasesCoveredLateDropsAndSequences() {
        if (casesRun.get() == CASES) {
            assertThat(casesWithLateDrops.get()).isGreaterThan(CASES / 2);
            assertThat(casesWithPartialDrops.get()).isGreaterThan(CASES / 4);
            assertThat(casesWithViewedTwiceThenBought.get()).isGreaterThan(CASES / 4);
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    private record Case(TopologySpec spec, List<TestRecord<String, byte[]>> records) {
    }

    private static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long tdMs = new long[] {1_000, 5_000, 10_000}[random.nextInt(3)];
        WindowSpec.Sliding window = new WindowSpec.Sliding(Duration.ofMillis(tdMs));
        Duration grace = Duration.ofMillis(random.nextBoolean() ? 0 : new long[] {1, 1_000, tdMs, 3 * tdMs}[random.nextInt(4)]);
        EmitMode emit = random.nextBoolean() ? EmitMode.EAGER : EmitMode.FINAL;
        TopologySpec spec = new TopologySpec(window, grace, emit, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1));
        boolean clicks = random.nextBoolean();

        long base = random.nextBoolean() ? 0 : 1_700_000_000_123L; // from 0, records earlier than timeDifference
        long clock = base;
        long maxTs = base;
        long nextId = 1;
        int n = 50 + random.nextInt(250);
        List<TestRecord<String, byte[]>> records = new ArrayList<>();
        List<TestRecord<String, byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock += random.nextLong(tdMs / 2 + 1);
            double p = random.nextDouble();
            if (p < 0.08 && !sent.isEmpty()) {
                records.add(sent.get(random.nextInt(sent.size()))); // a duplicate: same id, key, timestamp
                continue;
            }
            if (p < 0.10) {
                records.add(new TestRecord<>(KEYS.get(random.nextInt(KEYS.size())),
                        "{\"type\":\"order\",\"id\":1}".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), clock));
                continue;
            }
            if (p < 0.11) {
                long at = Math.max(clock, maxTs) + random.nextLong(tdMs + 1);
                records.add(new TestRecord<>(Watermark.KEY, EventCodec.encode(new Watermark(Instant.ofEpochMilli(at))),
                        new RecordHeaders(), at));
                maxTs = Math.max(maxTs, at);
                continue;
            }
            long ts = clock;
            double disorder = random.nextDouble();
            if (disorder < 0.35) {
                ts = Math.max(base, clock - random.nextLong(3 * (tdMs + grace.toMillis()) + 1));
            } else if (disorder < 0.50 && !sent.isEmpty()) {
                // exactly timeDifference (+0, +1, -1) from an earlier record: the inclusive bounds
                long other = sent.get(random.nextInt(sent.size())).timestamp();
                ts = Math.max(base, other + (random.nextBoolean() ? 1 : -1) * tdMs + random.nextInt(3) - 1);
            }
            String key = random.nextDouble() < 0.02 ? null : KEYS.get(random.nextInt(KEYS.size()));
            long id = nextId++;
            Event event = clicks
                    ? new ClickEvent(id, Instant.ofEpochMilli(ts), key == null ? "none" : key, "u-1", "s-1",
                            ACTIONS[random.nextInt(ACTIONS.length)], "direct", random.nextLong(1_000))
                    : new OrderEvent(id, Instant.ofEpochMilli(ts), key == null ? "none" : key, "o-" + id, "c", "s", 1,
                            random.nextLong(1_000), "EUR");
            TestRecord<String, byte[]> record = new TestRecord<>(key, EventCodec.encode(event), new RecordHeaders(), ts);
            records.add(record);
            sent.add(record);
            maxTs = Math.max(maxTs, ts);
        }
        long end = maxTs + tdMs + 1 + grace.toMillis() + 1;
        records.add(new TestRecord<>(Watermark.KEY, EventCodec.encode(new Watermark(Instant.ofEpochMilli(end))),
                new RecordHeaders(), end));
        return new Case(spec, records);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oracle_randomDisorderedSlidingInput_predictsEveryWindowAndEveryLateDrop(long seed) {
        Case c = randomCase(seed);
        DriverRun run = DriverRun.of("sliding-oracle-property", c.spec(), new WindowOracle(c.spec(), w -> true),
                c.records(), stateDir);
        AppMeters meters = run.meters();
        long kafkaDropped = run.kafkaDropped();

        Expectation expected = run.expected();
        OracleVerdict verdict = run.verdict();
        assertThat(verdict.exact()).as(run.describe(seed)).isTrue();
        assertThat(verdict.windowsExpected()).isPositive();
        assertThat(meters.recordsDroppedLate()).as("app's late drops").isEqualTo(expected.droppedLate());
        assertThat(kafkaDropped).as("Kafka's dropped-records").isEqualTo(expected.droppedLate() + expected.poisonRecords());
        assertThat(meters.recordsProcessed()).isEqualTo(expected.events());
        casesRun.incrementAndGet();
        if (expected.droppedLate() > 0) {
            casesWithLateDrops.incrementAndGet();
        }
        if (expected.droppedLate() > expected.lateRecords()) {
            casesWithPartialDrops.incrementAndGet();
        }
        if (expected.windows().values().stream().anyMatch(w -> w.sequence().viewedTwiceBeforePurchase())) {
            casesWithViewedTwiceThenBought.incrementAndGet();
        }
        // Emitting final does not mean once per window here: suppress emits a window once stream time reaches its
        // end + grace, and the sliding aggregation still updates a window ending exactly at closeTime, so each late
        // record that does re-emits it (SlidingWindowAggregateTest pins it); the latest result is the one compared.
    }
}

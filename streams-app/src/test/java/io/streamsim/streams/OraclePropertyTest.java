package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The oracle against the real topology: random, heavily disordered input with duplicates, null keys, poison
 * and stray watermarks, over tumbling and hopping windows, grace zero and not, eager and final emission; the
 * oracle's expected windows must equal the latest output of every window exactly, and its late drops the
 * app's and Kafka's. The driver runs one task, so the oracle sees everything as partition 0 in pipe order.
 */
class OraclePropertyTest {

    private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3");

    private static final int CASES = 80;
    private static final AtomicInteger casesRun = new AtomicInteger();
    private static final AtomicInteger casesWithLateDrops = new AtomicInteger();
    private static final AtomicInteger casesWithPoison = new AtomicInteger();

    @TempDir
    Path stateDir;

    /** Guards the generator: a property that never meets a late record or poison proves little. */
    @AfterAll
    static void theCasesCoveredLateDropsAndPoison() {
        if (casesRun.get() == CASES) {
            assertThat(casesWithLateDrops.get()).isGreaterThan(CASES / 2);
            assertThat(casesWithPoison.get()).isGreaterThan(CASES / 2);
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    /** One random case: the topology and the input records, in pipe order. */
    private record Case(TopologySpec spec, List<TestRecord<String, byte[]>> records) {
    }

    private static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long sizeMs = new long[] {1_000, 5_000, 10_000}[random.nextInt(3)];
        WindowSpec.Aligned window;
        if (random.nextBoolean()) {
            window = new WindowSpec.Tumbling(Duration.ofMillis(sizeMs));
        } else {
            long advanceMs = new long[] {sizeMs / 2, sizeMs / 4, sizeMs * 3 / 10, sizeMs}[random.nextInt(4)];
            window = new WindowSpec.Hopping(Duration.ofMillis(sizeMs), Duration.ofMillis(advanceMs));
        }
        Duration grace = Duration.ofMillis(random.nextBoolean() ? 0 : new long[] {1, 1_000, sizeMs, 3 * sizeMs}[random.nextInt(4)]);
        EmitMode emit = random.nextBoolean() ? EmitMode.EAGER : EmitMode.FINAL;
        TopologySpec spec = new TopologySpec(window, grace, emit, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1));

        long base = random.nextBoolean() ? 0 : 1_700_000_000_123L;
        long clock = base;
        long maxTs = base;
        long nextId = 1;
        int n = 50 + random.nextInt(250);
        List<TestRecord<String, byte[]>> records = new ArrayList<>();
        List<TestRecord<String, byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock += random.nextLong(sizeMs / 2 + 1);
            double p = random.nextDouble();
            if (p < 0.08 && !sent.isEmpty()) {
                records.add(sent.get(random.nextInt(sent.size()))); // a duplicate: same id, key, timestamp
                continue;
            }
            if (p < 0.11) {
                records.add(new TestRecord<>(KEYS.get(random.nextInt(KEYS.size())),
                        randomBytes(random), new RecordHeaders(), clock));
                continue;
            }
            if (p < 0.12) {
                long at = clock + random.nextLong(sizeMs + 1);
                records.add(new TestRecord<>(Watermark.KEY, EventCodec.encode(new Watermark(Instant.ofEpochMilli(at))),
                        new RecordHeaders(), at));
                maxTs = Math.max(maxTs, at);
                continue;
            }
            long ts = clock;
            double disorder = random.nextDouble();
            if (disorder < 0.35) {
                ts = Math.max(base, clock - random.nextLong(3 * (sizeMs + grace.toMillis()) + 1));
            } else if (disorder < 0.45) {
                long advanceMs = window.advance().toMillis();
                ts = Math.max(base, (clock / advanceMs) * advanceMs - random.nextInt(2)); // on a window boundary
            }
            String key = random.nextDouble() < 0.02 ? null : KEYS.get(random.nextInt(KEYS.size()));
            long id = nextId++;
            OrderEvent order = new OrderEvent(id, Instant.ofEpochMilli(ts), key == null ? "none" : key, "o-" + id,
                    "c", "s", 1, random.nextLong(1_000), "EUR");
            TestRecord<String, byte[]> record = new TestRecord<>(key, EventCodec.encode(order), new RecordHeaders(), ts);
            records.add(record);
            sent.add(record);
            maxTs = Math.max(maxTs, ts);
        }
        long end = maxTs + sizeMs + grace.toMillis() + 1;
        records.add(new TestRecord<>(Watermark.KEY, EventCodec.encode(new Watermark(Instant.ofEpochMilli(end))),
                new RecordHeaders(), end));
        return new Case(spec, records);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        if (random.nextBoolean()) {
            return "{\"type\":\"order\",\"id\":1}".getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[1 + random.nextInt(20)];
        random.nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oracle_randomDisorderedInput_predictsEveryWindowAndEveryLateDrop(long seed) {
        Case c = randomCase(seed);
        DriverRun run = DriverRun.of("oracle-property", c.spec(), new WindowOracle(c.spec(), w -> true), c.records(),
                stateDir);
        AppMeters meters = run.meters();
        long kafkaDropped = run.kafkaDropped();
        int outputRecords = run.results().size();

        Expectation expected = run.expected();
        OracleVerdict verdict = run.verdict();
        assertThat(verdict.exact()).as(run.describe(seed)).isTrue();
        assertThat(verdict.windowsExpected()).isPositive();
        assertThat(meters.recordsDroppedLate()).as("app's late drops").isEqualTo(expected.droppedLate());
        // Kafka's dropped-records also counts the records its deserialization handler skipped.
        assertThat(kafkaDropped).as("Kafka's dropped-records").isEqualTo(expected.droppedLate() + expected.poisonRecords());
        assertThat(meters.recordsProcessed()).isEqualTo(expected.events());
        assertThat(meters.recordsDroppedNullKeyOrValue()).isEqualTo(expected.nullKeyOrValueRecords());
        casesRun.incrementAndGet();
        if (expected.droppedLate() > 0) {
            casesWithLateDrops.incrementAndGet();
        }
        if (expected.poisonRecords() > 0) {
            casesWithPoison.incrementAndGet();
        }
        if (c.spec().emit() == EmitMode.FINAL) {
            assertThat(outputRecords).as("one final result per window").isEqualTo(expected.windows().size());
        }
    }
}

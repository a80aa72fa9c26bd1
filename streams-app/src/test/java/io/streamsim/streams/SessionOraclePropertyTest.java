package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.WindowResult;
import io.streamsim.model.oracle.Expectation;
import io.streamsim.model.oracle.OracleVerdict;
import io.streamsim.model.oracle.WindowKey;
import io.streamsim.model.oracle.WindowOracle;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle's session model against the real topology, as OraclePropertyTest does for aligned windows: random,
 * heavily disordered input (records often exactly gap or gap + 1ms after their key's previous one), grace zero
 * and not, eager and final emission. The latest output of every session (a retraction removes it) must equal
 * the oracle's sessions exactly; the app's late drops, the oracle's and Kafka's dropped-records (less the poison
 * records its deserialization handler skipped) must be the same number of records.
 */
class SessionOraclePropertyTest {


    private static final int CASES = 32;
    private static final AtomicInteger casesRun = new AtomicInteger();
    private static final AtomicInteger casesWithLateDrops = new AtomicInteger();
    private static final AtomicInteger eagerCasesWithRetractions = new AtomicInteger();

    @TempDir
    Path stateDir;

    /** Guards the generator: cases must meet late records and, under eager emission, merged sessions. */
    @AfterAll
    static void theCasesCoveredLateDropsAndMerges() {
        if (casesRun.get() == CASES) {
            assertThat(casesWithLateDrops.get()).isGreaterThan(CASES / 3);
            assertThat(eagerCasesWithRetractions.get()).isGreaterThan(CASES / 4);
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    private record Case(TopologySpec spec, List<TestRecord<String, byte[]>> records) {
    }

    private static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long gapMs = new long[] {1_000, 5_000, 10_000}[random.nextInt(3)];
        WindowSpec.Session window = new WindowSpec.Session(Duration.ofMillis(gapMs));
        Duration grace = Duration.ofMillis(random.nextBoolean() ? 0 : new long[] {1, 1_000, gapMs, 3 * gapMs}[random.nextInt(4)]);
        EmitMode emit = random.nextBoolean() ? EmitMode.EAGER : EmitMode.FINAL;
        TopologySpec spec = new TopologySpec(window, grace, emit, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1));
        // scale 2 x gap: the clock moves up to a gap per record, so sessions both continue and end
        List<TestRecord<String, byte[]>> records = DisorderedInput.generate(random, 2 * gapMs, grace.toMillis(),
                window.reach().toMillis(),
                (r, clock, lastOfKey) -> lastOfKey < 0 ? clock : lastOfKey + (r.nextBoolean() ? 1 : -1) * (gapMs + r.nextInt(2)));
        return new Case(spec, records);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oracle_randomDisorderedSessions_predictsEverySessionAndEveryLateDrop(long seed) {
        Case c = randomCase(seed);
        DriverRun run = DriverRun.of("session-oracle-property", c.spec(), new WindowOracle(c.spec(), w -> true),
                c.records(), stateDir);
        AppMeters meters = run.meters();
        long kafkaDropped = run.kafkaDropped();
        List<WindowResult> results = run.results();
        long retractions = results.stream().filter(WindowResult::retraction).count();

        Expectation expected = run.expected();
        OracleVerdict verdict = run.verdict();
        assertThat(verdict.exact()).as(run.describe(seed)).isTrue();
        assertThat(verdict.windowsExpected()).isPositive();
        assertThat(meters.recordsDroppedLate()).as("app's late drops").isEqualTo(expected.droppedLate());
        assertThat(expected.droppedLate()).as("one drop per late record").isEqualTo(expected.lateRecords());
        assertThat(kafkaDropped).as("Kafka's dropped-records").isEqualTo(expected.droppedLate() + expected.poisonRecords());
        assertThat(meters.recordsProcessed()).isEqualTo(expected.events());
        if (c.spec().emit() == EmitMode.FINAL) {
            assertThat(retractions).as("final emission writes no retraction").isZero();
            // once per session, except where Kafka overwrites a closed one-record session (see SessionWindowAggregateTest)
            assertThat(results.stream().map(r -> new WindowKey(r.key(), r.windowStart().toEpochMilli())).distinct())
                    .as("final results name exactly the expected sessions")
                    .containsExactlyInAnyOrderElementsOf(expected.windows().keySet());
        } else if (retractions > 0) {
            eagerCasesWithRetractions.incrementAndGet();
        }
        casesRun.incrementAndGet();
        if (expected.droppedLate() > 0) {
            casesWithLateDrops.incrementAndGet();
        }
    }
}

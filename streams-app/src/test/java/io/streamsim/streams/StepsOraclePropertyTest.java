package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.Event;
import io.streamsim.model.EventCodec;
import io.streamsim.model.EventType;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.Watermark;
import io.streamsim.model.oracle.DedupModel;
import io.streamsim.model.oracle.Expectation;
import io.streamsim.model.oracle.OracleVerdict;
import io.streamsim.model.oracle.ReferenceHistory;
import io.streamsim.model.oracle.WindowOracle;
import io.streamsim.model.scenario.DedupStep;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.EnrichStep;
import io.streamsim.model.scenario.GroupByStep;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.Step;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle against the real topology for step lists: an optional dedup, an optional enrich (a versioned shuffle
 * join, whose attribute a groupBy may key by, or a broadcast or unversioned shuffle join, after which it does not:
 * their version depends on processing order), over a reference table of three of the four keys whose rows change
 * during the input (each update valid from just after the event time it is piped at), an optional groupBy (by
 * customer, seller, both, or the enriched attribute; salted before aligned windows half the time) and a window step
 * of any type (tumbling, hopping, sliding, session), on random disordered input with duplicates (copies of earlier events,
 * arriving later in stream time), null keys and poison. The oracle's windows must equal the output's, its
 * duplicate drops the app's, its late drops the app's. The driver runs one task per subtopology, so the
 * oracle sees input partition 0 and one repartition partition, in pipe order.
 */
class StepsOraclePropertyTest {

    private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3");
    private static final List<String> CUSTOMERS = List.of("c0", "c1", "c2");
    /** Clicks carry the sequence measure (views, purchases) that every window type must aggregate alike. */
    private static final List<String> ACTIONS = List.of("view", "view", "purchase", "click");

    private static final int CASES = 48;
    private static final AtomicInteger casesRun = new AtomicInteger();
    private static final AtomicInteger casesWithDedupDrops = new AtomicInteger();
    private static final AtomicInteger casesWithCopiesPastWithin = new AtomicInteger();
    private static final AtomicInteger casesWithGroupBy = new AtomicInteger();
    private static final AtomicInteger casesWithLateDrops = new AtomicInteger();
    private static final AtomicInteger casesWithEnrichedGroupBy = new AtomicInteger();
    private static final AtomicInteger casesWithEnrichDrops = new AtomicInteger();
    private static final AtomicInteger casesWithSalt = new AtomicInteger();

    /**
     * The window types the property covers: (random, size in ms) to a window. A new window type is one line
     * here (its grace and emission are drawn below).
     */
    private static final List<BiFunction<SplittableRandom, Long, WindowSpec>> WINDOWS = List.of(
            (random, sizeMs) -> new WindowSpec.Tumbling(Duration.ofMillis(sizeMs)),
            (random, sizeMs) -> new WindowSpec.Hopping(Duration.ofMillis(sizeMs),
                    Duration.ofMillis(new long[] {sizeMs / 2, sizeMs / 4, sizeMs * 3 / 10}[random.nextInt(3)])),
            (random, sizeMs) -> new WindowSpec.Sliding(Duration.ofMillis(sizeMs)),
            (random, sizeMs) -> new WindowSpec.Session(Duration.ofMillis(sizeMs / 2)));

    @TempDir
    Path stateDir;

    /** Guards the generator: every branch of the steps must be met often. */
    @AfterAll
    static void theCasesCoveredEveryBranch() {
        if (casesRun.get() == CASES) {
            assertThat(casesWithDedupDrops.get()).isGreaterThan(CASES / 5);
            assertThat(casesWithCopiesPastWithin.get()).isGreaterThan(CASES / 10);
            assertThat(casesWithGroupBy.get()).isGreaterThan(CASES / 4);
            assertThat(casesWithLateDrops.get()).isGreaterThan(CASES / 4);
            assertThat(casesWithEnrichedGroupBy.get()).isGreaterThan(CASES / 10);
            assertThat(casesWithEnrichDrops.get()).isGreaterThan(CASES / 10);
            assertThat(casesWithSalt.get()).isGreaterThan(CASES / 10);
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    /**
     * @param tableBefore reference rows to pipe before the input record of the same index (index 0: the table)
     * @param reference   every row piped, for the oracle
     */
    private record Case(TopologySpec spec, List<TestRecord<String, byte[]>> records,
                        Map<Integer, List<ReferenceRow>> tableBefore, ReferenceHistory reference) {
    }

    /** Two values for each attribute, so that updates move keys between groups. */
    private static Map<String, String> attributes(ReferenceSchema schema, SplittableRandom random) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        schema.attributes().forEach((name, domain) -> attributes.put(name, domain.get(random.nextInt(2))));
        return attributes;
    }

    private static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long sizeMs = new long[] {1_000, 5_000, 10_000}[random.nextInt(3)];
        WindowSpec window = WINDOWS.get(random.nextInt(WINDOWS.size())).apply(random, sizeMs);
        Duration grace = Duration.ofMillis(random.nextBoolean() ? 0 : new long[] {1, 1_000, sizeMs, 3 * sizeMs}[random.nextInt(4)]);
        EmitMode emit = random.nextBoolean() ? EmitMode.EAGER : EmitMode.FINAL;
        boolean clicks = random.nextBoolean();
        List<Step> steps = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            steps.add(new DedupStep(Duration.ofMillis(new long[] {1, sizeMs / 2, sizeMs, 3 * sizeMs}[random.nextInt(4)])));
        }
        ReferenceSchema schema = ReferenceSchema.of(clicks ? EventType.CLICKSTREAM : EventType.ORDERS);
        String attribute = clicks ? "section" : "region";
        EnrichStep enrich = null;
        if (random.nextBoolean()) {
            boolean versioned = random.nextBoolean();
            EnrichStep.Join join = versioned || random.nextBoolean() ? EnrichStep.Join.SHUFFLE : EnrichStep.Join.BROADCAST;
            enrich = new EnrichStep(schema.tableName(), join, versioned ? Duration.ofHours(1) : null,
                    random.nextBoolean() ? EnrichStep.OnMissing.DROP : EnrichStep.OnMissing.KEEP);
            steps.add(enrich);
        }
        if (random.nextInt(3) > 0) {
            String[][] keys = clicks ? new String[][] {{"userId"}, {"page"}, {"userId", "page"}}
                    : new String[][] {{"customerId"}, {"sellerId"}, {"customerId", "sellerId"}};
            boolean byAttribute = enrich != null && enrich.versionedHistory().isPresent() && random.nextInt(4) > 0;
            List<String> fields = byAttribute ? List.of(attribute) : List.of(keys[random.nextInt(3)]);
            // salting is for aligned windows only: a sub-key's sliding window or session has its own bounds
            boolean salted = window instanceof WindowSpec.Aligned && random.nextBoolean();
            steps.add(salted ? new GroupByStep(fields, 2 + random.nextInt(7)) : new GroupByStep(fields));
        }
        steps.add(new WindowStep(window, grace, emit));
        TopologySpec spec = new TopologySpec(steps, ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1), 0L);

        long base = random.nextBoolean() ? 0 : 1_700_000_000_123L;
        long clock = base;
        long maxTs = base;
        long nextId = 1;
        int n = 50 + random.nextInt(250);
        List<TestRecord<String, byte[]>> records = new ArrayList<>();
        List<TestRecord<String, byte[]>> sent = new ArrayList<>();
        Map<Integer, List<ReferenceRow>> tableBefore = new HashMap<>();
        ReferenceHistory reference = new ReferenceHistory();
        Map<String, ReferenceRow> rows = new HashMap<>();
        for (String key : KEYS.subList(0, 3)) {
            ReferenceRow row = new ReferenceRow(key, attributes(schema, random), 0, Instant.EPOCH);
            rows.put(key, row);
            tableBefore.computeIfAbsent(0, i -> new ArrayList<>()).add(row);
            reference.accept(row);
        }
        for (int i = 0; i < n; i++) {
            // in twentieths of a window, so that copies land exactly on the dedup span's edge now and then
            clock += random.nextLong(11) * (sizeMs / 20);
            if (random.nextDouble() < 0.08) {
                // valid from just after every timestamp piped so far: a versioned join sees it before any event it covers
                ReferenceRow old = rows.get(KEYS.get(random.nextInt(3)));
                String name = schema.movable().iterator().next();
                ReferenceRow update = old.with(name, schema.attributes().get(name).get(random.nextInt(2)),
                        Instant.ofEpochMilli(clock + 1));
                rows.put(update.key(), update);
                tableBefore.computeIfAbsent(records.size(), ignored -> new ArrayList<>()).add(update);
                reference.accept(update);
            }
            double p = random.nextDouble();
            if (p < 0.15 && !sent.isEmpty()) {
                // a copy of a recent event (same id, key, timestamp): within or past the dedup span
                records.add(sent.get(Math.max(0, sent.size() - 1 - random.nextInt(Math.min(sent.size(), 30)))));
                continue;
            }
            if (p < 0.17) {
                records.add(new TestRecord<>(KEYS.get(random.nextInt(KEYS.size())),
                        "{\"type\":\"order\",\"id\":1}".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), clock));
                continue;
            }
            long ts = clock;
            if (random.nextDouble() < 0.35) {
                ts = Math.max(base, clock - random.nextLong(3 * (sizeMs + grace.toMillis()) + 1));
            }
            String key = random.nextDouble() < 0.02 ? null : KEYS.get(random.nextInt(KEYS.size()));
            long id = nextId++;
            String other = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
            Event event = clicks
                    ? new ClickEvent(id, Instant.ofEpochMilli(ts), key == null ? "none" : key, "u-" + other, "s-" + id,
                            ACTIONS.get(random.nextInt(ACTIONS.size())), "direct", random.nextLong(1_000))
                    : new OrderEvent(id, Instant.ofEpochMilli(ts), key == null ? "none" : key, "o-" + id, other, "s", 1,
                            random.nextLong(1_000), "EUR");
            TestRecord<String, byte[]> record = new TestRecord<>(key, EventCodec.encode(event), new RecordHeaders(), ts);
            records.add(record);
            sent.add(record);
            maxTs = Math.max(maxTs, ts);
        }
        long end = maxTs + 4 * sizeMs + grace.toMillis() + 1;
        records.add(new TestRecord<>(Watermark.KEY, EventCodec.encode(new Watermark(Instant.ofEpochMilli(end))),
                new RecordHeaders(), end));
        return new Case(spec, records, tableBefore, reference);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oracle_randomStepsAndDisorderedInput_predictsEveryWindowDuplicateAndLateDrop(long seed) {
        Case c = randomCase(seed);
        WindowOracle oracle = new WindowOracle(c.spec(), w -> true, 1, c.reference());
        DriverRun run = DriverRun.of("steps-property", c.spec(), oracle, c.records(), c.tableBefore(), stateDir);
        AppMeters meters = run.meters();

        Expectation expected = run.expected();
        OracleVerdict verdict = run.verdict();
        assertThat(verdict.exact()).as(run.describe(seed)).isTrue();
        assertThat(verdict.windowsExpected()).isPositive();
        long dedupDropped = oracle.dedup().map(DedupModel::dropped).orElse(0L);
        assertThat(meters.recordsDroppedDuplicate()).as("duplicates dropped").isEqualTo(dedupDropped);
        assertThat(meters.recordsDroppedLate()).as("late drops").isEqualTo(expected.droppedLate());
        assertThat(meters.recordsProcessed()).isEqualTo(expected.events());
        casesRun.incrementAndGet();
        if (dedupDropped > 0) {
            casesWithDedupDrops.incrementAndGet();
        }
        if (oracle.dedup().map(DedupModel::keptAgainAfterWithin).orElse(0L) > 0) {
            casesWithCopiesPastWithin.incrementAndGet();
        }
        if (c.spec().groupBy().isPresent()) {
            casesWithGroupBy.incrementAndGet();
        }
        if (c.spec().enrich().isPresent() && c.spec().groupBy().filter(g -> g.fields().contains("region")
                || g.fields().contains("section")).isPresent()) {
            casesWithEnrichedGroupBy.incrementAndGet();
        }
        if (oracle.droppedByEnrich() > 0) {
            casesWithEnrichDrops.incrementAndGet();
        }
        if (expected.droppedLate() > 0) {
            casesWithLateDrops.incrementAndGet();
        }
        if (c.spec().groupBy().filter(GroupByStep::salted).isPresent()) {
            casesWithSalt.incrementAndGet();
        }
    }
}

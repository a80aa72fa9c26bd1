package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.streamsim.model.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    private static final String SOURCE = "test.yaml";

    /** The smallest valid scenario: only the required keys. Line numbers below refer to it. */
    private static final String MINIMAL = """
            name: minimal
            seed: 1
            events:
              type: clickstream
              keys: 10
            rate:
              - {for: 10s, eventsPerSecond: 100}
            topology:
              window: {tumbling: 10s}
            """;

    private static final String TOP_LEVEL_KEYS =
            "app, dirt, disorder, duration, events, expect, faults, name, producer, prompt, rate, reference, seed, "
                    + "talkingPoints, topics, topology";

    @TempDir
    Path tempDir;

    // ---- the shipped scenarios ---------------------------------------------------------------------

    @Test
    void load_clickstreamBaseline_readsEveryValue() throws IOException {
        Scenario s = ScenarioLoader.load(scenarioFile("clickstream-baseline.yaml"));

        assertThat(s.name()).isEqualTo("clickstream-baseline");
        assertThat(s.prompt()).startsWith("Design a pipeline that counts page views");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(40));
        assertThat(s.events()).isEqualTo(new EventsSpec(EventType.CLICKSTREAM, 2000, new KeyDistribution.Zipf(1.1)));
        assertThat(s.rate()).containsExactly(
                new RatePhase.Constant(Duration.ofSeconds(15), 2000),
                new RatePhase.Step(Duration.ofSeconds(15), 10),
                new RatePhase.Ramp(Duration.ofSeconds(10), null, 2000));
        assertThat(s.disorder()).isEqualTo(new DisorderSpec(0.02,
                new DelayDistribution.Exponential(Duration.ofSeconds(1)), Duration.ofSeconds(4)));
        assertThat(s.dirt()).isEqualTo(new DirtSpec(0.001, 0));
        assertThat(s.topology()).isEqualTo(new TopologySpec(new WindowSpec.Tumbling(Duration.ofSeconds(10)),
                Duration.ofSeconds(5), EmitMode.FINAL, ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100)));
        assertThat(s.topics()).isEqualTo(new TopicsSpec(6, (short) 1));
        assertThat(s.app()).isEqualTo(new AppSpec(2, 1));
        assertThat(s.producer()).isEqualTo(new ProducerSpec(1, "all", Duration.ofMillis(5), 65_536, "lz4"));
        assertThat(s.points()).hasSize(4);
        assertThat(s.points().get(1)).isInstanceOf(io.streamsim.model.answer.TalkingPoint.Conditional.class);
        assertThat(s.timeline().rateAt(Duration.ofSeconds(20))).isEqualTo(20_000);
    }

    @Test
    void load_lateOrdersGraceTradeoff_readsEveryValueAndDefaultsTheRest() throws IOException {
        Scenario s = ScenarioLoader.load(scenarioFile("late-orders-grace-tradeoff.yaml"));

        assertThat(s.name()).isEqualTo("late-orders-grace-tradeoff");
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(40));
        assertThat(s.events()).isEqualTo(new EventsSpec(EventType.ORDERS, 500, new KeyDistribution.Hotspot(0.02, 0.5)));
        assertThat(s.rate()).containsExactly(
                new RatePhase.Constant(Duration.ofSeconds(20), 3000),
                new RatePhase.Spike(Duration.ofSeconds(10), 15_000, Duration.ofSeconds(3)),
                new RatePhase.Constant(Duration.ofSeconds(10), 3000));
        assertThat(s.disorder()).isEqualTo(new DisorderSpec(0.10,
                new DelayDistribution.Exponential(Duration.ofSeconds(4)), Duration.ofSeconds(30)));
        assertThat(s.topology().window()).isEqualTo(new WindowSpec.Tumbling(Duration.ofSeconds(5)));
        assertThat(s.topology().grace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.topics()).isEqualTo(new TopicsSpec(6, (short) 1));
        assertThat(s.app()).isEqualTo(new AppSpec(1, 2));
        assertThat(s.producer()).isEqualTo(ProducerSpec.DEFAULT);
        assertThat(s.points()).hasSize(3);
        assertThat(s.points().get(1)).isInstanceOf(io.streamsim.model.answer.TalkingPoint.Conditional.class);
    }

    @Test
    void load_nameDifferentFromFileStem_isReportedAtTheNameLine() throws IOException {
        Path file = tempDir.resolve("other-name.yaml");
        Files.writeString(file, MINIMAL, StandardCharsets.UTF_8);

        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));

        assertThat(e.violations()).containsExactly(new Violation(file.toString(), 1, "name",
                "must equal the file name 'other-name', was 'minimal'"));
    }

    @Test
    void load_ymlExtension_isStrippedFromTheExpectedName() throws IOException {
        Path file = tempDir.resolve("minimal.yml");
        Files.writeString(file, MINIMAL, StandardCharsets.UTF_8);

        assertThat(ScenarioLoader.load(file).name()).isEqualTo("minimal");
    }

    // ---- defaults ---------------------------------------------------------------------------------

    @Test
    void parse_onlyRequiredKeys_appliesEveryDocumentedDefault() {
        Scenario s = ScenarioLoader.parse(MINIMAL, SOURCE, "minimal");

        assertThat(s.prompt()).as("prompt").isEmpty();
        assertThat(s.duration()).as("duration: the sum of the phases").isEqualTo(Duration.ofSeconds(10));
        assertThat(s.events().keyDistribution()).as("keyDistribution").isEqualTo(new KeyDistribution.Uniform());
        assertThat(s.disorder()).as("disorder").isEqualTo(DisorderSpec.NONE);
        assertThat(s.disorder().lateFraction()).isZero();
        assertThat(s.dirt()).as("dirt").isEqualTo(DirtSpec.NONE);
        assertThat(s.dirt().duplicateFraction()).isZero();
        assertThat(s.topology().grace()).as("grace").isEqualTo(Duration.ZERO);
        assertThat(s.topology().emit()).as("emit").isEqualTo(EmitMode.FINAL);
        assertThat(s.topology().guarantee()).as("guarantee").isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(s.topology().commitInterval()).as("commitInterval under exactly_once_v2")
                .isEqualTo(Duration.ofMillis(100));
        assertThat(s.topics()).as("topics").isEqualTo(new TopicsSpec(6, (short) 1));
        assertThat(s.app()).as("app").isEqualTo(new AppSpec(1, 1));
        assertThat(s.producer()).as("producer").isEqualTo(ProducerSpec.DEFAULT)
                .isEqualTo(new ProducerSpec(1, "all", Duration.ofMillis(5), 65_536, "lz4"));
        assertThat(s.talkingPoints()).as("talkingPoints").isEmpty();
    }

    @Test
    void parse_onlyRequiredKeys_takesEachDefaultFromTheConstantOnItsSpecRecord() {
        Scenario s = ScenarioLoader.parse(MINIMAL + """
                  guarantee: at_least_once
                app: {autoscale: {lagAbove: 100, for: 5s, maxInstances: 2}}
                faults:
                  - {at: 1s, clockSkew: {offset: -5s, lasting: 2s}}
                """, SOURCE, "minimal");

        assertThat(s.prompt()).isEqualTo(Scenario.DEFAULT_PROMPT);
        assertThat(s.duration()).isEqualTo(RatePhase.total(s.rate()));
        assertThat(s.events().keyDistribution()).isEqualTo(EventsSpec.DEFAULT_KEY_DISTRIBUTION);
        assertThat(s.topology().grace()).isEqualTo(TopologySpec.DEFAULT_GRACE);
        assertThat(s.topology().emit()).isEqualTo(TopologySpec.DEFAULT_EMIT);
        assertThat(s.topology().commitInterval())
                .isEqualTo(TopologySpec.defaultCommitInterval(ProcessingGuarantee.AT_LEAST_ONCE));
        assertThat(s.topics()).isEqualTo(TopicsSpec.DEFAULT);
        assertThat(s.app().instances()).isEqualTo(AppSpec.DEFAULT.instances());
        assertThat(s.app().threadsPerInstance()).isEqualTo(AppSpec.DEFAULT.threadsPerInstance());
        assertThat(s.app().autoscale().cooldown()).isEqualTo(AutoscaleSpec.DEFAULT_COOLDOWN);
        assertThat(((Fault.ClockSkew) s.faults().get(0)).shard()).isEqualTo(Fault.ClockSkew.DEFAULT_SHARD);
        assertThat(ScenarioLoader.parse(MINIMAL, SOURCE, null).topology().guarantee())
                .isEqualTo(TopologySpec.DEFAULT_GUARANTEE);
    }

    @Test
    void parse_emptySections_takeEveryValueFromTheSectionDefault() {
        Scenario s = ScenarioLoader.parse(MINIMAL + """
                dirt: {}
                topics: {}
                app: {}
                producer: {}
                """, SOURCE, null);

        assertThat(s.dirt()).isEqualTo(DirtSpec.NONE);
        assertThat(s.topics()).isEqualTo(TopicsSpec.DEFAULT);
        assertThat(s.app()).isEqualTo(AppSpec.DEFAULT);
        assertThat(s.producer()).isEqualTo(ProducerSpec.DEFAULT);
    }

    @Test
    void parse_atLeastOnceWithoutCommitInterval_defaultsToOneSecond() {
        Scenario s = ScenarioLoader.parse(MINIMAL + "  guarantee: at_least_once\n", SOURCE, null);

        assertThat(s.topology().guarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
        assertThat(s.topology().commitInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void parse_partlyGivenSections_defaultTheirMissingValues() {
        Scenario s = ScenarioLoader.parse(MINIMAL + """
                disorder: {lateFraction: 0.1, delay: {uniform: {min: 1s, max: 3s}}}
                dirt: {}
                topics: {partitions: 3}
                app: {threadsPerInstance: 4}
                producer: {acks: "1", compression: zstd}
                """, SOURCE, null);

        assertThat(s.disorder().maxDelay()).as("maxDelay: the distribution's own maximum").isEqualTo(Duration.ofSeconds(3));
        assertThat(s.dirt()).isEqualTo(DirtSpec.NONE);
        assertThat(s.topics()).isEqualTo(new TopicsSpec(3, (short) 1));
        assertThat(s.app()).isEqualTo(new AppSpec(1, 4));
        assertThat(s.producer()).isEqualTo(new ProducerSpec(1, "1", Duration.ofMillis(5), 65_536, "zstd"));
    }

    @Test
    void parse_exponentialDelayWithoutMaxDelay_isCappedAtTenMeans() {
        Scenario s = ScenarioLoader.parse(MINIMAL + "disorder: {lateFraction: 0.1, delay: {exponential: {mean: 2s}}}\n",
                SOURCE, null);

        assertThat(s.disorder().maxDelay()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void parse_everyOtherShape_isRead() {
        Scenario s = ScenarioLoader.parse("""
                name: shapes
                seed: -3
                duration: 1m
                events: {type: orders, keys: 1_000, keyDistribution: uniform}
                rate:
                  - {for: 20s, ramp: {from: 0, to: 100}}
                  - {for: 20s, spike: {eventsPerSecond: 500, lasting: 20s}}
                  - {for: 20s, eventsPerSecond: 0}
                disorder: {lateFraction: 0, delay: {fixed: 250ms}}
                topology:
                  window: {hopping: {size: 10s, advance: 2s}}
                  emit: EAGER
                  commitInterval: 50ms
                """, SOURCE, "shapes");

        assertThat(s.seed()).isEqualTo(-3);
        assertThat(s.events().keys()).isEqualTo(1000);
        assertThat(s.rate().get(0)).isEqualTo(new RatePhase.Ramp(Duration.ofSeconds(20), 0.0, 100));
        assertThat(s.disorder().delay()).isEqualTo(new DelayDistribution.Fixed(Duration.ofMillis(250)));
        assertThat(s.disorder().maxDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.topology().window())
                .isEqualTo(new WindowSpec.Hopping(Duration.ofSeconds(10), Duration.ofSeconds(2)));
        assertThat(s.topology().emit()).isEqualTo(EmitMode.EAGER);
        assertThat(s.topology().commitInterval()).isEqualTo(Duration.ofMillis(50));
    }

    // ---- unknown keys -----------------------------------------------------------------------------

    @Test
    void parse_unknownTopLevelKey_isReportedWithPathLineAndTheAllowedKeys() {
        List<Violation> v = violations(MINIMAL + "colour: red\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 10, "colour", "unknown key (allowed here: " + TOP_LEVEL_KEYS + ")"));
    }

    @Test
    void parse_unknownNestedKey_isReportedWithPathLineAndTheAllowedKeys() {
        List<Violation> v = violations(MINIMAL + "  graze: 5s\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 10, "topology.graze",
                "unknown key (allowed here: commitInterval, emit, grace, guarantee, stateStoreCacheBytes, steps, window)"));
    }

    @Test
    void parse_unknownKeyInARatePhase_listsEveryPhaseKind() {
        List<Violation> v = violations(MINIMAL.replace("eventsPerSecond: 100}", "eventsPerSecond: 100, burst: 3}"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate[0].burst",
                "unknown key (allowed here: eventsPerSecond, for, ramp, spike, step)"));
    }

    @Test
    void parse_unknownKeyUnderEvents_listsKeyDistributionAsAllowed() {
        List<Violation> v = violations(MINIMAL.replace("  keys: 10\n", "  keys: 10\n  keyz: 5\n"));

        assertThat(v).containsExactly(new Violation(SOURCE, 6, "events.keyz",
                "unknown key (allowed here: keyDistribution, keys, startTime, timeScale, type)"));
    }

    @Test
    void parse_duplicateKey_isReportedAtItsSecondOccurrence() {
        List<Violation> v = violations(MINIMAL.replace("seed: 1\n", "seed: 1\nseed: 2\n"));

        assertThat(v).containsExactly(new Violation(SOURCE, 3, "seed", "is given twice"));
    }

    // ---- missing and mistyped values --------------------------------------------------------------

    @Test
    void parse_missingTopLevelValue_isRequiredAtTheMappingLine() {
        List<Violation> v = violations(MINIMAL.replace("seed: 1\n", ""));

        assertThat(v).containsExactly(new Violation(SOURCE, 1, "seed", "is required"));
    }

    @Test
    void parse_missingNestedValue_isRequiredWithItsFullPath() {
        List<Violation> v = violations(MINIMAL.replace("  keys: 10\n", ""));

        assertThat(v).containsExactly(new Violation(SOURCE, 4, "events.keys", "is required"));
    }

    @Test
    void parse_missingRateAndTopology_areBothReported() {
        List<Violation> v = violations("""
                name: minimal
                seed: 1
                events: {type: orders, keys: 10}
                """);

        assertThat(v).extracting(Violation::path).containsExactlyInAnyOrder("rate", "topology");
        assertThat(v).allSatisfy(x -> assertThat(x.message()).isEqualTo("is required"));
    }

    @Test
    void parse_textWhereAWholeNumberIsWanted_isAWrongType() {
        List<Violation> v = violations(MINIMAL.replace("seed: 1", "seed: forty-two"));

        assertThat(v).containsExactly(new Violation(SOURCE, 2, "seed", "must be a whole number, was 'forty-two'"));
    }

    @Test
    void parse_textWhereANumberIsWanted_isAWrongType() {
        List<Violation> v = violations(MINIMAL.replace("eventsPerSecond: 100", "eventsPerSecond: fast"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate[0].eventsPerSecond", "must be a number, was 'fast'"));
    }

    @Test
    void parse_listWhereAMappingIsWanted_isAWrongType() {
        List<Violation> v = violations(MINIMAL.replace("  window: {tumbling: 10s}", "  window: [tumbling, 10s]"));

        assertThat(v).containsExactly(new Violation(SOURCE, 9, "topology.window",
                "must be a mapping (key: value lines), was a list"));
    }

    @Test
    void parse_mappingWhereAListIsWanted_isAWrongType() {
        List<Violation> v = violations(MINIMAL.replace("  - {for: 10s, eventsPerSecond: 100}",
                "  {for: 10s, eventsPerSecond: 100}"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate", "must be a list, was a mapping"));
    }

    @Test
    void parse_unknownEnumValue_listsTheChoices() {
        List<Violation> v = violations(MINIMAL.replace("type: clickstream", "type: pageviews"));

        assertThat(v).containsExactly(new Violation(SOURCE, 4, "events.type",
                "must be one of clickstream, orders, watermark; was 'pageviews'"));
    }

    @Test
    void parse_watermarkAsEventType_isRejected() {
        List<Violation> v = violations(MINIMAL.replace("type: clickstream", "type: watermark"));

        assertThat(v).containsExactly(new Violation(SOURCE, 4, "events.type", "must be clickstream or orders"));
    }

    // ---- durations --------------------------------------------------------------------------------

    @Test
    void parse_durationWithoutUnit_isReportedWithTheFix() {
        List<Violation> v = violations(MINIMAL.replace("for: 10s", "for: 5"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate[0].for",
                "'5' is not a duration: write a number with a unit, e.g. 500ms, 5s, 2m, 1h, 1m30s"));
    }

    @Test
    void parse_badPhaseDuration_stillChecksTheRestOfThePhase() {
        List<Violation> v = violations(MINIMAL.replace("{for: 10s, eventsPerSecond: 100}", "{for: 5, ramp: {from: 1, to: lots}}"));

        assertThat(v).extracting(Violation::path).containsExactly("rate[0].for", "rate[0].ramp.to");
    }

    @Test
    void parse_durationWithSpelledOutUnit_isRejected() {
        List<Violation> v = violations(MINIMAL + "  grace: 5 sec\n");

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(10);
            assertThat(x.path()).isEqualTo("topology.grace");
            assertThat(x.message()).startsWith("'5 sec' is not a duration");
        });
    }

    // ---- out-of-range values ----------------------------------------------------------------------

    @Test
    void parse_negativeRate_isOutOfRange() {
        List<Violation> v = violations(MINIMAL.replace("eventsPerSecond: 100", "eventsPerSecond: -5"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate[0].eventsPerSecond", "must be >= 0, was -5.0"));
    }

    @Test
    void parse_lateFractionAboveOne_isOutOfRange() {
        List<Violation> v = violations(MINIMAL + """
                disorder:
                  lateFraction: 1.5
                  delay: {fixed: 1s}
                """);

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "disorder.lateFraction",
                "must be a fraction in [0, 1], was 1.5"));
    }

    @Test
    void parse_zeroPartitions_isOutOfRange() {
        List<Violation> v = violations(MINIMAL + "topics:\n  replicationFactor: 1\n  partitions: 0\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 12, "topics.partitions", "must be in [1, 1000], was 0"));
    }

    @Test
    void parse_hoppingAdvanceLongerThanSize_isReportedAtTheAdvance() {
        List<Violation> v = violations(MINIMAL.replace("  window: {tumbling: 10s}",
                "  window:\n    hopping:\n      size: 10s\n      advance: 15s"));

        assertThat(v).containsExactly(new Violation(SOURCE, 12, "topology.window.hopping.advance",
                "must not exceed size (10s), was 15s"));
    }

    @Test
    void parse_spikeLongerThanItsPhase_isReportedWithPathAndLine() {
        List<Violation> v = violations(MINIMAL.replace("  - {for: 10s, eventsPerSecond: 100}\n",
                "  - {for: 10s, eventsPerSecond: 100}\n  - for: 5s\n    spike:\n      eventsPerSecond: 900\n      lasting: 6s\n"));

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "rate[1].spike.lasting",
                "must not be longer than the phase (5s), was 6s"));
    }

    @Test
    void parse_zipfExponentZero_isReportedAtTheZipfKey() {
        List<Violation> v = violations(MINIMAL.replace("  keys: 10\n", "  keys: 10\n  keyDistribution: {zipf: 0}\n"));

        assertThat(v).containsExactly(new Violation(SOURCE, 6, "events.keyDistribution.zipf", "must be > 0, was 0.0"));
    }

    @Test
    void parse_hotspotSelectingNoKey_isReportedAtTheKeyFraction() {
        List<Violation> v = violations(MINIMAL.replace("  keys: 10\n",
                "  keys: 10\n  keyDistribution:\n    hotspot: {keyFraction: 0.01, trafficFraction: 0.9}\n"));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("events.keyDistribution.hotspot.keyFraction");
            assertThat(x.line()).isEqualTo(7);
            assertThat(x.message()).startsWith("selects no key");
        });
    }

    // ---- choices and cross-field rules ------------------------------------------------------------

    @Test
    void parse_phaseWithTwoRateKinds_takesOnlyOne() {
        List<Violation> v = violations(MINIMAL.replace("{for: 10s, eventsPerSecond: 100}",
                "{for: 5s, eventsPerSecond: 1, ramp: {to: 2}}"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate[0]",
                "takes only one of: eventsPerSecond, ramp, step, spike (found eventsPerSecond, ramp)"));
    }

    @Test
    void parse_phaseWithNoRateKind_needsOne() {
        List<Violation> v = violations(MINIMAL.replace("{for: 10s, eventsPerSecond: 100}", "{for: 5s}"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate[0]",
                "needs one of: eventsPerSecond, ramp, step, spike"));
    }

    @Test
    void parse_windowWithBothKinds_takesOnlyOne() {
        List<Violation> v = violations(MINIMAL.replace("{tumbling: 10s}", "{tumbling: 10s, hopping: {size: 10s, advance: 5s}}"));

        assertThat(v).containsExactly(new Violation(SOURCE, 9, "topology.window",
                "takes only one of: tumbling, hopping, sliding, session (found tumbling, hopping)"));
    }

    @Test
    void parse_firstPhaseRelative_isReportedAtThatPhase() {
        List<Violation> v = violations(MINIMAL.replace("rate:\n", "rate:\n  - {for: 5s, step: {factor: 2}}\n"));

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "rate[0]",
                "the first phase has no previous rate to start from: give eventsPerSecond, or ramp.from"));
    }

    @Test
    void parse_firstPhaseRampWithoutFrom_isRelativeToo() {
        List<Violation> v = violations(MINIMAL.replace("{for: 10s, eventsPerSecond: 100}", "{for: 10s, ramp: {to: 100}}"));

        assertThat(v).extracting(Violation::path, Violation::line).containsExactly(tuple("rate[0]", 7));
    }

    @Test
    void parse_durationDisagreeingWithThePhases_isReportedAtTheDuration() {
        List<Violation> v = violations(MINIMAL.replace("seed: 1\n", "seed: 1\nduration: 1m\n"));

        assertThat(v).containsExactly(new Violation(SOURCE, 3, "duration",
                "is 1m but the rate phases last 10s: make them agree, or leave duration out"));
    }

    @Test
    void parse_emptyRate_needsAPhase() {
        List<Violation> v = violations(MINIMAL.replace("  - {for: 10s, eventsPerSecond: 100}\n", "").replace("rate:", "rate: []"));

        assertThat(v).containsExactly(new Violation(SOURCE, 6, "rate", "needs at least one phase"));
    }

    @Test
    void parse_nameNotEqualToTheExpectedName_isReported() {
        List<Violation> v = violations(MINIMAL, "expected");

        assertThat(v).containsExactly(new Violation(SOURCE, 1, "name", "must equal the file name 'expected', was 'minimal'"));
    }

    @Test
    void parse_nameWithCapitals_isRejected() {
        List<Violation> v = violations(MINIMAL.replace("name: minimal", "name: Minimal"));

        assertThat(v).containsExactly(new Violation(SOURCE, 1, "name",
                "must be lower-case letters, digits and dashes, was 'Minimal'"));
    }

    // ---- faults and expectations ------------------------------------------------------------------

    private static final String REPLICATED = MINIMAL.replace("  - {for: 10s, eventsPerSecond: 100}",
            "  - {for: 60s, eventsPerSecond: 100}") + "topics: {replicationFactor: 3}\napp: {instances: 2}\n"
            + "producer: {threads: 2}\n";

    @Test
    void parse_everyFaultKind_readsTheTimelineInOrder() {
        Scenario s = ScenarioLoader.parse(REPLICATED + """
                faults:
                  - {at: 5s, clockSkew: {shard: 1, offset: -30s, lasting: 10s}}
                  - {at: 10s, kill: app-instance-1}
                  - {at: 12s, pauseProducers: 3s}
                  - {at: 15s, restart: app-instance-1}
                  - {at: 20s, scaleOut: 1}
                  - {at: 25s, stop: app-instance-3}
                  - {at: 30s, kill: broker-2}
                  - {at: 35s, restart: broker-2}
                  - {at: 40s, slowProcessing: {perRecord: 2ms, lasting: 5s}}
                  - {at: 50s, poisonBurst: 100}
                expect:
                  oracle: exact
                  droppedLateFraction: {max: 0.05}
                  p99EndToEndLatency: {max: 20s}
                  recoveryTime: {max: 30s}
                  deadLetters: poison
                """, SOURCE, null);

        assertThat(s.faults()).containsExactly(
                new Fault.ClockSkew(Duration.ofSeconds(5), 1, Duration.ofSeconds(-30), Duration.ofSeconds(10)),
                new Fault.Kill(Duration.ofSeconds(10), "app-instance-1"),
                new Fault.PauseProducers(Duration.ofSeconds(12), Duration.ofSeconds(3)),
                new Fault.Restart(Duration.ofSeconds(15), "app-instance-1"),
                new Fault.ScaleOut(Duration.ofSeconds(20), 1),
                new Fault.Stop(Duration.ofSeconds(25), "app-instance-3"),
                new Fault.Kill(Duration.ofSeconds(30), "broker-2"),
                new Fault.Restart(Duration.ofSeconds(35), "broker-2"),
                new Fault.SlowProcessing(Duration.ofSeconds(40), Duration.ofMillis(2), Duration.ofSeconds(5)),
                new Fault.PoisonBurst(Duration.ofSeconds(50), 100));
        assertThat(s.expect()).isEqualTo(new ExpectSpec(ExpectSpec.OracleExpectation.EXACT, 0.05,
                Duration.ofSeconds(20), Duration.ofSeconds(30), true));
        assertThat(s.brokers()).isEqualTo(3);
        assertThat(s.maxAppInstances()).isEqualTo(3);
        assertThat(s.faults().get(0).describe()).isEqualTo("clock skew -30s on producer shard 1 for 10s");
    }

    @Test
    void parse_faultsBreakingCrossSectionRules_areEachReportedAtTheirLine() {
        List<Violation> v = violations(MINIMAL + """
                faults:
                  - {at: 1s, kill: broker-1}
                  - {at: 2s, restart: app-instance-1}
                  - {at: 3s, kill: app-instance-2}
                  - {at: 4s, clockSkew: {shard: 1, offset: 5s, lasting: 1s}}
                  - {at: 20s, poisonBurst: 10}
                """);

        assertThat(v).extracting(Violation::line, Violation::path).containsExactly(
                tuple(11, "faults[0].kill"),
                tuple(12, "faults[1].restart"),
                tuple(13, "faults[2].kill"),
                tuple(14, "faults[3].clockSkew.shard"),
                tuple(15, "faults[4].at"));
        assertThat(v.get(0).message()).startsWith("broker faults need a replicated cluster");
        assertThat(v.get(1).message()).isEqualTo("app-instance-1 is not down at that time: kill or stop it first");
        assertThat(v.get(2).message()).isEqualTo("there are 1 app instance(s) at that time");
        assertThat(v.get(4).message()).isEqualTo("is after the end of the run (10s)");
    }

    @Test
    void parse_faultWithoutActionOrOutOfOrder_isReported() {
        List<Violation> v = violations(MINIMAL + """
                faults:
                  - {at: 5s, kill: app-instance-1}
                  - {at: 4s, restart: app-instance-1}
                  - {at: 6s, explode: everything}
                  - {at: 7s, kill: server-1}
                """);

        assertThat(v).extracting(Violation::line, Violation::path).containsExactly(
                tuple(12, "faults[1].at"),
                tuple(13, "faults[2]"),
                tuple(14, "faults[3].kill"));
        assertThat(v.get(0).message()).isEqualTo("faults must be listed in time order: 4s comes after 5s");
        assertThat(v.get(1).message()).startsWith("needs one of: kill, stop, restart, scaleOut");
        assertThat(v.get(2).message()).isEqualTo("must name app-instance-N or broker-N, was 'server-1'");
    }

    @Test
    void parse_badExpectations_areReported() {
        List<Violation> v = violations(MINIMAL + """
                expect:
                  oracle: perfect
                  droppedLateFraction: {max: 2}
                  deadLetters: some
                  colour: red
                """);

        assertThat(v).extracting(Violation::path).contains("expect.oracle", "expect.deadLetters", "expect.colour");
    }

    @Test
    void parse_poisonFraction_isRead() {
        Scenario s = ScenarioLoader.parse(MINIMAL + "dirt: {duplicateFraction: 0.1, poisonFraction: 0.01}\n", SOURCE, null);

        assertThat(s.dirt()).isEqualTo(new DirtSpec(0.1, 0.01));
    }

    // ---- not a scenario at all --------------------------------------------------------------------

    @Test
    void parse_malformedYaml_isReportedWithItsLine() {
        List<Violation> v = violations(MINIMAL.replace("  keys: 10", "  keys: [10"));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.path()).isEmpty();
            assertThat(x.message()).startsWith("not valid YAML: ");
            assertThat(x.line()).isBetween(5, 6);
        });
    }

    @Test
    void parse_badIndentation_isReportedWithItsLine() {
        List<Violation> v = violations("name: minimal\nseed: 1\n  events: x\n");

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.message()).startsWith("not valid YAML: ");
            assertThat(x.line()).isEqualTo(3);
        });
    }

    @Test
    void parse_emptyFile_isReported() {
        assertThat(violations("")).containsExactly(new Violation(SOURCE, 0, "", "the file is empty"));
        assertThat(violations("# only a comment\n")).containsExactly(new Violation(SOURCE, 0, "", "the file is empty"));
    }

    @Test
    void parse_scalarDocument_mustBeAMapping() {
        assertThat(violations("hello\n")).containsExactly(
                new Violation(SOURCE, 1, "", "must be a mapping (key: value lines), was 'hello'"));
    }

    // ---- all problems at once ---------------------------------------------------------------------

    @Test
    void parse_severalProblems_areAllReportedSortedByLine() {
        List<Violation> v = violations("""
                name: several
                seed: x
                events:
                  type: clickstream
                  keys: 0
                rate:
                  - {for: 5, eventsPerSecond: 1}
                  - {for: 5s, eventsPerSecond: -1}
                topology:
                  window: {tumbling: 10s}
                  grace: 5 sec
                topics: {partitions: 0}
                app: {instances: 2, threads: 3}
                colour: red
                """, "several");

        assertThat(v).extracting(Violation::line, Violation::path).containsExactly(
                tuple(2, "seed"),
                tuple(5, "events.keys"),
                tuple(7, "rate[0].for"),
                tuple(8, "rate[1].eventsPerSecond"),
                tuple(11, "topology.grace"),
                tuple(12, "topics.partitions"),
                tuple(13, "app.threads"),
                tuple(14, "colour"));
        assertThat(v).hasSize(8).isSortedAccordingTo(Comparator.comparingInt(Violation::line));
    }

    @Test
    void scenarioException_message_isOneFileLinePathMessageLinePerViolation() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(MINIMAL.replace("seed: 1", "seed: x") + "colour: red\n", "dir/s.yaml", null));

        assertThat(e.getMessage()).isEqualTo("""
                dir/s.yaml:2: seed: must be a whole number, was 'x'
                dir/s.yaml:10: colour: unknown key (allowed here: %s)""".formatted(TOP_LEVEL_KEYS));
    }

    @Test
    void violation_withoutLineOrPath_leavesThemOut() {
        assertThat(new Violation("f.yaml", 0, "", "the file is empty")).hasToString("f.yaml: the file is empty");
        assertThat(new Violation("f.yaml", 3, "", "bad")).hasToString("f.yaml:3: bad");
        assertThat(new Violation("f.yaml", 0, "a.b", "bad")).hasToString("f.yaml: a.b: bad");
    }

    @Test
    void load_missingFile_isAnIOException() {
        assertThatThrownBy(() -> ScenarioLoader.load(tempDir.resolve("absent.yaml"))).isInstanceOf(IOException.class);
    }

    @Test
    void load_latin1Text_isNotUtf8TextWithTheOffsetAndLine() throws IOException {
        Path file = tempDir.resolve("minimal.yaml");
        byte[] text = (MINIMAL + "prompt: \"caf\u00e9\"\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        int offset = MINIMAL.length() + "prompt: \"caf".length();

        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));

        assertThat(e.violations()).containsExactly(new Violation(file.toString(), 10, "",
                "not UTF-8 text: byte 0xE9 at offset " + offset
                        + " (is it a binary file, or saved in another encoding?)"));
        assertThat(e.getMessage()).doesNotContain("Input length");
    }

    @Test
    void load_binaryFile_isNotUtf8Text() throws IOException {
        Path file = tempDir.resolve("scenario.yaml");
        Files.write(file, new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});

        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.source()).isEqualTo(file.toString());
            assertThat(v.message()).startsWith("not UTF-8 text: byte 0x8B at offset 1");
        });
    }

    @Test
    void load_utf8TextWithANulByte_isNotUtf8Text() throws IOException {
        Path file = tempDir.resolve("minimal.yaml");
        Files.write(file, (MINIMAL + "\0").getBytes(StandardCharsets.UTF_8));

        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));

        assertThat(e.violations()).singleElement().extracting(Violation::message).asString()
                .startsWith("not UTF-8 text: a NUL byte at offset " + MINIMAL.length());
    }

    @Test
    void load_utf8TextBeyondAscii_isRead() throws IOException {
        Path file = tempDir.resolve("minimal.yaml");
        Files.writeString(file, MINIMAL + "prompt: \"caf\u00e9 \u2192 \ud83d\ude80\"\n", StandardCharsets.UTF_8);

        assertThat(ScenarioLoader.load(file).prompt()).isEqualTo("caf\u00e9 \u2192 \ud83d\ude80");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static List<Violation> violations(String yaml) {
        return violations(yaml, null);
    }

    private static List<Violation> violations(String yaml, String expectedName) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, SOURCE, expectedName));
        assertThat(e).as("a ScenarioException for:\n" + yaml).isNotNull();
        return e.violations();
    }

    /** The shipped scenario {@code name}, found from the module directory surefire runs in. */
    private static Path scenarioFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scenarios").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no scenarios/" + name + " above " + Path.of("").toAbsolutePath());
    }
}

package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.ClickEvent;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code steps:} form of {@code topology:}: what it reads, and every misuse with its path and line. */
class TopologyStepsTest {

    private static final String SOURCE = "steps.yaml";

    /** Lines: topology at 8, steps at 10, the step items at 11, 12, 13. */
    private static String scenario(String type, String steps) {
        return """
                name: steps
                seed: 1
                events:
                  type: %s
                  keys: 10
                rate:
                  - {for: 10s, eventsPerSecond: 100}
                topology:
                  guarantee: exactly_once_v2
                  steps:
                %s""".formatted(type, steps.indent(4));
    }

    private static Scenario parse(String yaml) {
        return ScenarioLoader.parse(yaml, SOURCE, null);
    }

    private static List<Violation> violations(String yaml) {
        try {
            parse(yaml);
        } catch (ScenarioException e) {
            return e.violations();
        }
        throw new AssertionError("expected violations in:\n" + yaml);
    }

    @Test
    void parse_dedupGroupBySession_readsEachStepInOrder() {
        Scenario s = parse(scenario("clickstream", """
                - dedup: {within: 10m}
                - groupBy: {field: userId}
                - window: {session: {inactivityGap: 30s}, grace: 5s, emit: final}
                """));

        assertThat(s.topology().steps()).containsExactly(
                new DedupStep(Duration.ofMinutes(10)),
                new GroupByStep(List.of("userId")),
                new WindowStep(new WindowSpec.Session(Duration.ofSeconds(30)), Duration.ofSeconds(5), EmitMode.FINAL));
        assertThat(s.topology().guarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(s.topology().dedup()).contains(new DedupStep(Duration.ofMinutes(10)));
        assertThat(s.topology().grace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void parse_slidingWindowAndSeveralFields_areRead() {
        Scenario s = parse(scenario("clickstream", """
                - groupBy: {fields: [userId, page]}
                - window: {sliding: 10m, emit: eager}
                """));

        assertThat(s.topology().groupBy()).contains(new GroupByStep(List.of("userId", "page")));
        assertThat(s.topology().windowStep())
                .isEqualTo(new WindowStep(new WindowSpec.Sliding(Duration.ofMinutes(10)), Duration.ZERO, EmitMode.EAGER));
    }

    @Test
    void parse_flatForm_isOneWindowStepKeyedByTheEventKey() {
        Scenario s = parse("""
                name: flat
                seed: 1
                events: {type: orders, keys: 10}
                rate:
                  - {for: 10s, eventsPerSecond: 100}
                topology: {window: {hopping: {size: 10s, advance: 5s}}, grace: 2s, emit: eager}
                """);

        assertThat(s.topology().steps()).containsExactly(new WindowStep(
                new WindowSpec.Hopping(Duration.ofSeconds(10), Duration.ofSeconds(5)), Duration.ofSeconds(2), EmitMode.EAGER));
    }

    @Test
    void parse_groupByAFieldTheEventTypeLacks_namesTheFieldsItHas() {
        List<Violation> v = violations(scenario("orders", """
                - groupBy: {field: userId}
                - window: {tumbling: 10s}
                """));

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "topology.steps[0].groupBy.field",
                "orders events have no field 'userId'; they have sellerId, orderId, customerId, sku, currency"));
    }

    @Test
    void parse_dedupAfterTheWindow_isRefusedAtTheStep() {
        List<Violation> v = violations(scenario("clickstream", """
                - window: {tumbling: 10s}
                - dedup: {within: 1m}
                """));

        assertThat(v).containsExactly(new Violation(SOURCE, 12, "topology.steps[1]",
                "dedup cannot come after window: steps run in the order dedup, enrich, groupBy, window, each at most once"));
    }

    @Test
    void parse_stepsWithoutAWindow_needOne() {
        List<Violation> v = violations(scenario("clickstream", """
                - dedup: {within: 1m}
                """));

        assertThat(v).containsExactly(new Violation(SOURCE, 10, "topology.steps",
                "must end with a window step: the app aggregates per window"));
    }

    @Test
    void parse_stepsBesideTheFlatWindow_isRefused() {
        List<Violation> v = violations("""
                name: both
                seed: 1
                events: {type: orders, keys: 10}
                rate:
                  - {for: 10s, eventsPerSecond: 100}
                topology:
                  window: {tumbling: 10s}
                  steps:
                    - window: {tumbling: 10s}
                """);

        assertThat(v).containsExactly(new Violation(SOURCE, 7, "topology.window",
                "give the window inside steps, or the flat window/grace/emit without steps, not both"));
    }

    @Test
    void parse_unknownStepAndBadOptions_areEachReported() {
        List<Violation> v = violations(scenario("clickstream", """
                - salt: 8
                - dedup: {within: 0s}
                - window: {session: {inactivityGap: 30s, gap: 5s}}
                """));

        assertThat(v).extracting(Violation::path).containsExactly(
                "topology.steps[0]", "topology.steps[0].salt", "topology.steps[1].dedup.within",
                "topology.steps[2].window.session.gap");
    }

    @Test
    void groupByKeyOf_joinsSeveralFieldsAndKeepsTheWatermarkKey() {
        GroupByStep byUserAndPage = new GroupByStep(List.of("userId", "page"));
        ClickEvent click = new ClickEvent(1, Instant.EPOCH, "page-1", "user-2", "s-3", "view", "direct", 10);

        assertThat(byUserAndPage.keyOf(click)).isEqualTo("user-2|page-1");
        assertThat(byUserAndPage.keyOf(new Watermark(Instant.EPOCH))).isEqualTo(Watermark.KEY);
        assertThatThrownBy(() -> byUserAndPage.keyOf(new OrderEvent(1, Instant.EPOCH, "s", "o", "c", "sku", 1, 1, "EUR")))
                .hasMessage("orders events have no field 'userId'");
    }

    @Test
    void topologySpec_builtInCode_checksTheOrderToo() {
        WindowStep window = new WindowStep(new WindowSpec.Tumbling(Duration.ofSeconds(1)), Duration.ZERO, EmitMode.FINAL);

        assertThatThrownBy(() -> new TopologySpec(List.of(window, new GroupByStep(List.of("page"))),
                ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1), null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("steps[1]: groupBy cannot come after window");
    }

    private static String withReference(String yaml) {
        return yaml + "reference: {updatesPerSecond: 1}\n";
    }

    @Test
    void parse_enrichThenGroupByRegion_readsTheStepAndTheEnrichedField() {
        Scenario s = parse(withReference(scenario("orders", """
                - dedup: {within: 1m}
                - enrich: {with: sellers, join: shuffle, versioned: {history: 1h}, onMissing: keep}
                - groupBy: {field: region}
                - window: {tumbling: 10s}
                """)));

        assertThat(s.topology().enrich()).contains(new EnrichStep("sellers", EnrichStep.Join.SHUFFLE,
                Duration.ofHours(1), EnrichStep.OnMissing.KEEP));
        assertThat(s.topology().groupBy()).contains(new GroupByStep(List.of("region")));
        assertThat(s.topology().enrich().orElseThrow().describe())
                .isEqualTo("enrich with sellers (shuffle join, versioned 1h, onMissing keep)");
    }

    @Test
    void parse_enrichWithDefaults_isAnUnversionedInnerJoin() {
        Scenario s = parse(withReference(scenario("clickstream", """
                - enrich: {with: pages, join: broadcast}
                - groupBy: {fields: [section, userId]}
                - window: {tumbling: 10s}
                """)));

        assertThat(s.topology().enrich()).contains(new EnrichStep("pages", EnrichStep.Join.BROADCAST, null,
                EnrichStep.OnMissing.DROP));
    }

    @Test
    void parse_groupByAnAttributeWithoutEnrich_saysToEnrichFirst() {
        List<Violation> v = violations(withReference(scenario("orders", """
                - groupBy: {field: region}
                - window: {tumbling: 10s}
                """)));

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "topology.steps[0].groupBy.field",
                "orders events have no field 'region'; they have sellerId, orderId, customerId, sku, currency"
                        + " ('region' is a sellers attribute: enrich before the groupBy)"));
    }

    @Test
    void parse_groupByAnUnknownFieldAfterEnrich_namesTheEnrichedFieldsToo() {
        List<Violation> v = violations(withReference(scenario("clickstream", """
                - enrich: {with: pages, join: broadcast}
                - groupBy: {field: region}
                - window: {tumbling: 10s}
                """)));

        assertThat(v).containsExactly(new Violation(SOURCE, 12, "topology.steps[1].groupBy.field",
                "clickstream events have no field 'region' after enrich; they have page, userId, sessionId, action,"
                        + " referrer, category, section"));
    }

    @Test
    void parse_enrichWithTheOtherTypesTable_isRefusedAtWith() {
        List<Violation> v = violations(withReference(scenario("orders", """
                - enrich: {with: pages, join: broadcast}
                - window: {tumbling: 10s}
                """)));

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "topology.steps[0].enrich.with",
                "orders events are enriched with 'sellers', not 'pages'"));
    }

    @Test
    void parse_enrichWithoutAReferenceSection_isRefusedAtWith() {
        List<Violation> v = violations(scenario("orders", """
                - enrich: {with: sellers, join: shuffle}
                - window: {tumbling: 10s}
                """));

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "topology.steps[0].enrich.with",
                "joins the reference table, but the scenario has no reference: section"
                        + " (add e.g. reference: {updatesPerSecond: 0})"));
    }

    @Test
    void parse_versionedBroadcastAndEnrichAfterGroupBy_areEachRefused() {
        List<Violation> versioned = violations(withReference(scenario("orders", """
                - enrich: {with: sellers, join: broadcast, versioned: {history: 1h}}
                - window: {tumbling: 10s}
                """)));
        List<Violation> order = violations(withReference(scenario("orders", """
                - groupBy: {field: sku}
                - enrich: {with: sellers, join: shuffle}
                - window: {tumbling: 10s}
                """)));

        assertThat(versioned).containsExactly(new Violation(SOURCE, 11, "topology.steps[0].enrich.versioned",
                "needs join: shuffle (a GlobalKTable is always joined with the row it holds now)"));
        assertThat(order).containsExactly(new Violation(SOURCE, 12, "topology.steps[1]",
                "enrich cannot come after groupBy: steps run in the order dedup, enrich, groupBy, window, each at most"
                        + " once"));
    }

    @Test
    void groupByKeyOf_enrichedEvent_readsTheAttributeOrNoRow() {
        GroupByStep byRegion = new GroupByStep(List.of("region"));
        OrderEvent order = new OrderEvent(1, Instant.EPOCH, "s", "o", "c", "sku", 1, 1, "EUR");

        assertThat(byRegion.keyOf(order.withEnrichment(new io.streamsim.model.Enrichment(
                java.util.Map.of("region", "eu-west"), 2)))).isEqualTo("eu-west");
        assertThat(byRegion.keyOf(order.withEnrichment(io.streamsim.model.Enrichment.MISSING)))
                .isEqualTo(io.streamsim.model.Enrichment.NO_ROW);
        assertThatThrownBy(() -> byRegion.keyOf(order)).hasMessage("orders events have no field 'region'");
    }

    @Test
    void parse_saltedGroupBy_readsTheSaltCount() {
        Scenario s = parse(scenario("orders", """
                - groupBy: {field: sellerId, salt: 8}
                - window: {tumbling: 10s}
                """));

        assertThat(s.topology().groupBy()).contains(new GroupByStep(List.of("sellerId"), 8));
        assertThat(s.topology().groupBy().orElseThrow().describe()).isEqualTo("groupBy sellerId salted x8");
    }

    @Test
    void parse_saltOutOfRange_isReportedAtItsLine() {
        List<Violation> v = violations(scenario("orders", """
                - groupBy:
                    field: sellerId
                    salt: 1
                - window: {tumbling: 10s}
                """));

        assertThat(v).containsExactly(new Violation(SOURCE, 13, "topology.steps[0].groupBy.salt",
                "must be 2..256 sub-keys per key, was 1"));
    }

    @Test
    void parse_saltedGroupByBeforeASessionWindow_isAnErrorSayingWhy() {
        List<Violation> v = violations(scenario("orders", """
                - groupBy: {field: sellerId, salt: 4}
                - window: {session: {inactivityGap: 30s}}
                """));

        assertThat(v).hasSize(1);
        assertThat(v.get(0).path()).isEqualTo("topology.steps[0].groupBy.salt");
        assertThat(v.get(0).line()).isEqualTo(11);
        assertThat(v.get(0).message()).contains("tumbling or hopping", "cannot be recombined");
    }

    @Test
    void topologySpec_saltedGroupByBeforeSlidingWindow_isRejectedInCodeToo() {
        WindowStep sliding = new WindowStep(new WindowSpec.Sliding(Duration.ofSeconds(10)), Duration.ZERO, EmitMode.FINAL);

        assertThatThrownBy(() -> new TopologySpec(List.of(new GroupByStep(List.of("page"), 4), sliding),
                ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(1), null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("steps[0].groupBy.salt: salting needs tumbling or hopping windows");
    }

    @Test
    void saltOf_sameIdAnywhere_isTheSameSubKeyAndSpreadsIdsEvenly() {
        GroupByStep salted = new GroupByStep(List.of("sellerId"), 4);
        int[] perSalt = new int[4];
        for (long id = 0; id < 40_000; id++) {
            OrderEvent order = new OrderEvent(id, Instant.EPOCH, "seller-1", "o", "c", "sku", 1, 1, "EUR");
            OrderEvent replayed = new OrderEvent(id, Instant.EPOCH.plusSeconds(99), "seller-1", "o2", "c2", "sku", 2, 2,
                    "EUR");
            assertThat(salted.saltOf(replayed)).isEqualTo(salted.saltOf(order));
            perSalt[salted.saltOf(order)]++;
        }

        assertThat(java.util.Arrays.stream(perSalt).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(9_500, 10_500));
        OrderEvent order = new OrderEvent(7, Instant.EPOCH, "seller-1", "o", "c", "sku", 1, 1, "EUR");
        assertThat(salted.subKeyOf(order)).isEqualTo("seller-1#" + salted.saltOf(order));
        assertThat(GroupByStep.unsalted(salted.subKeyOf(order))).isEqualTo("seller-1");
        assertThat(salted.subKeyOf(new Watermark(Instant.EPOCH))).isEqualTo(Watermark.KEY);
        assertThat(new GroupByStep(List.of("sellerId")).subKeyOf(order)).isEqualTo("seller-1");
    }
}

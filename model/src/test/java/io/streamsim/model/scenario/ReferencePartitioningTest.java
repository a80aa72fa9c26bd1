package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code reference.partitions} against the join: a shuffle join needs co-partitioning, a broadcast join does not. */
class ReferencePartitioningTest {

    private static final String SOURCE = "join.yaml";

    /** Lines: topics at 12, reference at 13, its partitions at 14. */
    private static String scenario(String join, String topicsPartitions, String referencePartitions) {
        return """
                name: join
                seed: 1
                events:
                  type: orders
                  keys: 10
                rate:
                  - {for: 10s, eventsPerSecond: 100}
                topology:
                  steps:
                    - enrich: {with: sellers, join: %s}
                    - window: {tumbling: 10s}
                topics: {partitions: %s}
                reference:
                  partitions: %s
                """.formatted(join, topicsPartitions, referencePartitions);
    }

    private static List<Violation> violations(String yaml) {
        try {
            ScenarioLoader.parse(yaml, SOURCE, null);
        } catch (ScenarioException e) {
            return e.violations();
        }
        throw new AssertionError("expected violations in:\n" + yaml);
    }

    @Test
    void parse_shuffleJoinWithFewerReferencePartitions_isRefusedAtReferencePartitionsNamingBoth() {
        List<Violation> v = violations(scenario("shuffle", "4", "3"));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(14);
            assertThat(x.path()).isEqualTo("reference.partitions");
            assertThat(x.message()).startsWith("is 3 but topics.partitions is 4: the shuffle join at"
                    + " topology.steps[0].enrich").contains("Topics not co-partitioned");
        });
    }

    @Test
    void parse_shuffleJoinWithEqualPartitions_isValid() {
        Scenario s = ScenarioLoader.parse(scenario("shuffle", "4", "4"), SOURCE, null);

        assertThat(s.reference().partitions()).isEqualTo(OptionalInt.of(4));
        assertThat(ReferencePartitioning.describe(s)).contains("reference topic: 4 partition(s), input 4; shuffle join"
                + " (KTable): co-partitioned with the input, task i joins partition i of both");
    }

    @Test
    void parse_broadcastJoinWithFewerReferencePartitions_isValidAndNeedsNoCopartitioning() {
        Scenario s = ScenarioLoader.parse(scenario("broadcast", "4", "1"), SOURCE, null);

        assertThat(s.reference().partitions(s.topics())).isEqualTo(1);
        assertThat(ReferencePartitioning.describe(s)).contains("reference topic: 1 partition(s), input 4; broadcast"
                + " join (GlobalKTable): every instance reads every partition, no co-partitioning needed");
    }

    @Test
    void parse_referencePartitionsLeftOut_isTheInputTopicsCount() {
        Scenario s = ScenarioLoader.parse(scenario("shuffle", "6", "2").replace("  partitions: 2\n", "  {}\n")
                .replace("reference:\n  {}", "reference: {}"), SOURCE, null);

        assertThat(s.reference().partitions()).isEmpty();
        assertThat(s.reference().partitions(s.topics())).isEqualTo(6);
    }

    @Test
    void parse_zeroReferencePartitions_isRefusedAtItsLine() {
        List<Violation> v = violations(scenario("broadcast", "4", "0"));

        assertThat(v).containsExactly(new Violation(SOURCE, 14, "reference.partitions", "must be at least 1, was 0"));
    }
}

package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceReaderTest {

    private static final String SOURCE = "test.yaml";

    /** Line numbers below refer to this file; {@code reference:} goes after line 9. */
    private static final String MINIMAL = """
            name: minimal
            seed: 1
            events:
              type: orders
              keys: 10
            rate:
              - {for: 10s, eventsPerSecond: 100}
            topology:
              window: {tumbling: 10s}
            """;

    @Test
    void parse_noReferenceSection_hasNoTable() {
        Scenario s = ScenarioLoader.parse(MINIMAL, SOURCE, null);

        assertThat(s.reference()).isEqualTo(ReferenceSpec.NONE);
        assertThat(s.reference().table()).isFalse();
    }

    @Test
    void parse_emptyReferenceSection_isAStaticTable() {
        Scenario s = ScenarioLoader.parse(MINIMAL + "reference: {}\n", SOURCE, null);

        assertThat(s.reference()).isEqualTo(new ReferenceSpec(true, 0));
    }

    @Test
    void parse_updatesPerSecond_isRead() {
        Scenario s = ScenarioLoader.parse(MINIMAL + "reference: {updatesPerSecond: 5}\n", SOURCE, null);

        assertThat(s.reference()).isEqualTo(new ReferenceSpec(true, 5));
    }

    @Test
    void parse_negativeUpdatesPerSecond_isReportedWithPathAndLine() {
        List<Violation> v = violations(MINIMAL + "reference:\n  updatesPerSecond: -1\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "reference.updatesPerSecond",
                "must be in [0, 10000], was -1.0"));
    }

    @Test
    void parse_textForUpdatesPerSecond_isAWrongTypeAtItsLine() {
        List<Violation> v = violations(MINIMAL + "reference:\n  updatesPerSecond: often\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 11, "reference.updatesPerSecond",
                "must be a number, was 'often'"));
    }

    @Test
    void parse_unknownKeyUnderReference_isReportedWithTheAllowedKeys() {
        List<Violation> v = violations(MINIMAL + "reference:\n  updatesPerSecond: 1\n  table: sellers\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 12, "reference.table",
                "unknown key (allowed here: partitions, updatesPerSecond)"));
    }

    @Test
    void parse_referenceNotAMapping_isReportedAtItsLine() {
        List<Violation> v = violations(MINIMAL + "reference: yes\n");

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(10);
            assertThat(x.path()).isEqualTo("reference");
        });
    }

    @Test
    void parse_tableOfMoreRowsThanAllowed_isReportedAtTheReferenceLine() {
        List<Violation> v = violations(MINIMAL.replace("keys: 10", "keys: 2000000") + "reference: {}\n");

        assertThat(v).containsExactly(new Violation(SOURCE, 10, "reference",
                "the table has one row per key (events.keys: 2000000): at most 1000000"));
    }

    private static List<Violation> violations(String yaml) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, SOURCE, null));
        assertThat(e).as("a ScenarioException for:\n" + yaml).isNotNull();
        return e.violations();
    }
}

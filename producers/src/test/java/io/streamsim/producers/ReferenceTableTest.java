package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.ReferenceRow;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.scenario.Scenario;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReferenceTableTest {

    private static final String RATE = "[{for: 10s, eventsPerSecond: 100}]";
    private static final Instant T = Instant.parse("2026-01-05T12:00:00Z");

    private static Scenario orders(long seed) {
        return Scenarios.orders(seed, RATE, "reference: {updatesPerSecond: 5}\n");
    }

    @Test
    void rows_sameSeed_areTheSame() {
        assertThat(new ReferenceTable(orders(7)).rows()).isEqualTo(new ReferenceTable(orders(7)).rows());
    }

    @Test
    void rows_anotherSeed_differ() {
        assertThat(new ReferenceTable(orders(7)).rows()).isNotEqualTo(new ReferenceTable(orders(8)).rows());
    }

    @Test
    void rows_orders_areOneSellerPerEventKeyNamedAsTheGeneratorNamesKeys() {
        Scenario s = orders(7);
        ReferenceTable table = new ReferenceTable(s);
        EventGenerator events = new EventGenerator(s, T);

        assertThat(table.schema()).isEqualTo(ReferenceSchema.SELLERS);
        assertThat(table.size()).isEqualTo(500);
        assertThat(table.rows()).extracting(ReferenceRow::key).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 500).mapToObj(events::keyName).toList());
        assertThat(table.row(42).key()).isEqualTo("seller-042");
        assertThat(table.rows()).allSatisfy(r -> {
            assertThat(r.version()).isZero();
            assertThat(r.validFrom()).isEqualTo(ReferenceTable.ALWAYS);
            assertThat(r.attributes().keySet()).containsExactly("region", "tier", "category");
        });
    }

    @Test
    void rows_clickstream_arePagesWithCategoryAndSection() {
        ReferenceTable table = new ReferenceTable(Scenarios.clicks(1, RATE, "reference: {}\n"));

        assertThat(table.row(0).key()).isEqualTo("page-0000");
        assertThat(table.row(0).attributes().keySet()).containsExactly("category", "section");
    }

    @Test
    void rows_manyKeys_useEveryValueOfEachDomainAboutEvenly() {
        ReferenceTable table = new ReferenceTable(Scenarios.of(3, "{type: orders, keys: 12000}", RATE, "reference: {}\n"));
        Map<String, Long> regions = table.rows().stream()
                .collect(Collectors.groupingBy(r -> r.attribute("region"), Collectors.counting()));

        assertThat(regions.keySet()).containsExactlyInAnyOrderElementsOf(ReferenceSchema.SELLERS.attributes().get("region"));
        // 2000 expected each; 5 standard deviations is about 200.
        assertThat(regions.values()).allSatisfy(n -> assertThat(n).isBetween(1800L, 2200L));
    }

    @Test
    void next_sameSeedAndTimes_makesTheSameUpdates() {
        assertThat(updates(orders(7), 50)).isEqualTo(updates(orders(7), 50));
    }

    @Test
    void next_eachUpdate_changesOneMovableAttributeToAnotherValueAsTheRowsNextVersion() {
        ReferenceTable table = new ReferenceTable(orders(7));
        ReferenceUpdates updates = new ReferenceUpdates(table, 7);
        Map<String, ReferenceRow> current = new HashMap<>();
        table.rows().forEach(r -> current.put(r.key(), r));

        for (int i = 0; i < 500; i++) {
            ReferenceRow next = updates.next(T.plusMillis(i));
            ReferenceRow before = current.put(next.key(), next);
            List<String> differing = before.attributes().keySet().stream()
                    .filter(a -> !before.attribute(a).equals(next.attribute(a))).toList();
            assertThat(differing).hasSize(1);
            assertThat(ReferenceSchema.SELLERS.movable()).contains(differing.get(0));
            assertThat(next.version()).isEqualTo(before.version() + 1);
            assertThat(next.validFrom()).isEqualTo(T.plusMillis(i));
        }
        assertThat(updates.made()).isEqualTo(500);
    }

    @Test
    void next_manyUpdates_spreadOverRowsAndBothMovableAttributes() {
        List<ReferenceRow> made = updates(orders(7), 2000);
        long rows = made.stream().map(ReferenceRow::key).distinct().count();

        // 2000 uniform draws from 500 rows leave about 500 * e^-4 = 9 rows untouched.
        assertThat(rows).isBetween(470L, 500L);
    }

    @Test
    void next_beforeTheRowsCurrentVersion_isRefused() {
        ReferenceTable table = new ReferenceTable(Scenarios.of(1, "{type: orders, keys: 1}", RATE, "reference: {}\n"));
        ReferenceUpdates updates = new ReferenceUpdates(table, 1);
        updates.next(T);

        assertThatThrownBy(() -> updates.next(T.minusMillis(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ReferenceRow> updates(Scenario s, int n) {
        ReferenceUpdates updates = new ReferenceUpdates(new ReferenceTable(s), s.seed());
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> updates.next(T.plusSeconds(i))).toList();
    }
}

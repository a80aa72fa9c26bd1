package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.SequenceMeasure;
import io.streamsim.model.WindowResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewedTwiceThenBoughtTest {

    private static final SequenceMeasure TWICE_THEN_BOUGHT = SequenceMeasure.NONE
            .add(SequenceMeasure.VIEW, 1).add(SequenceMeasure.VIEW, 2).add(SequenceMeasure.PURCHASE, 3);
    private static final SequenceMeasure BOUGHT_FIRST = SequenceMeasure.NONE
            .add(SequenceMeasure.VIEW, 4).add(SequenceMeasure.VIEW, 5).add(SequenceMeasure.PURCHASE, 3);

    private static WindowResult result(String key, SequenceMeasure s) {
        return new WindowResult(key, Instant.EPOCH, Instant.ofEpochMilli(10), 3, 0, 0, Instant.EPOCH, s);
    }

    @Test
    void of_keyWithTwoSuchWindows_countsTheKeyOnce() {
        Map<WindowKey, ExpectedWindow> expected = Map.of(
                new WindowKey("u1|p1", 0), new ExpectedWindow(3, 0, 0, 10, TWICE_THEN_BOUGHT),
                new WindowKey("u1|p1", 1), new ExpectedWindow(3, 0, 0, 11, TWICE_THEN_BOUGHT),
                new WindowKey("u2|p1", 0), new ExpectedWindow(3, 0, 0, 10, BOUGHT_FIRST));
        Map<WindowKey, WindowResult> actual = Map.of(
                new WindowKey("u1|p1", 0), result("u1|p1", TWICE_THEN_BOUGHT),
                new WindowKey("u2|p1", 0), result("u2|p1", BOUGHT_FIRST));

        assertThat(ViewedTwiceThenBought.of(expected, actual)).isEqualTo(new ViewedTwiceThenBought(1, 1, 1, 2));
    }

    @Test
    void of_ordersWithoutViews_isNull() {
        assertThat(ViewedTwiceThenBought.of(Map.of(new WindowKey("s", 0), new ExpectedWindow(1, 1, 1, 10)),
                Map.of(new WindowKey("s", 0), result("s", SequenceMeasure.NONE)))).isNull();
    }
}

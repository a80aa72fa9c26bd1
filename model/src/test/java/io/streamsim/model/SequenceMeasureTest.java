package io.streamsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceMeasureTest {

    private static SequenceMeasure of(long... viewsThenPurchaseNegated) {
        SequenceMeasure m = SequenceMeasure.NONE;
        for (long t : viewsThenPurchaseNegated) {
            m = t >= 0 ? m.add(SequenceMeasure.VIEW, t) : m.add(SequenceMeasure.PURCHASE, -t);
        }
        return m;
    }

    @Test
    void add_anyArrivalOrder_givesTheSameMeasure() {
        assertThat(of(5, 1, -7, 3)).isEqualTo(of(-7, 3, 5, 1)).isEqualTo(of(1, 3, 5, -7));
        assertThat(of(5, 1, -7, 3)).isEqualTo(new SequenceMeasure(3, 1, 1, 3, 7));
    }

    @Test
    void viewedTwiceBeforePurchase_secondViewAtThePurchaseTime_isNotBefore() {
        assertThat(of(1, 2, -3).viewedTwiceBeforePurchase()).isTrue();
        assertThat(of(1, 3, -3).viewedTwiceBeforePurchase()).isFalse();
        assertThat(of(1, -2, 3).viewedTwiceBeforePurchase()).isFalse();
        assertThat(of(1, 2).viewedTwiceBeforePurchase()).isFalse();
        assertThat(of(4, 4, -5).viewedTwiceBeforePurchase()).as("a duplicate view counts again").isTrue();
    }

    @Test
    void merge_twoWindows_equalsAddingAllRecordsToOne() {
        assertThat(of(5, -9).merge(of(2, 3, -8))).isEqualTo(of(5, -9, 2, 3, -8));
        assertThat(of(1).merge(of(2))).isEqualTo(of(1, 2));
        assertThat(of(1, 2).merge(SequenceMeasure.NONE)).isEqualTo(of(1, 2));
        assertThat(SequenceMeasure.NONE.merge(of(-4))).isEqualTo(of(-4));
    }

    @Test
    void kindOf_ordersAndOtherActions_areOther() {
        ClickEvent purchase = new ClickEvent(1, java.time.Instant.EPOCH, "p", "u", "s", "purchase", "d", 1);
        assertThat(SequenceMeasure.kindOf(purchase)).isEqualTo(SequenceMeasure.PURCHASE);
        assertThat(SequenceMeasure.kindOf(new ClickEvent(1, java.time.Instant.EPOCH, "p", "u", "s", "scroll", "d", 1)))
                .isEqualTo(SequenceMeasure.OTHER);
    }

    @Test
    void windowResult_encodeDecode_keepsTheMeasureAndOmitsItWhenNone() {
        WindowResult withViews = new WindowResult("k", java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(10), 3, 0, 0,
                java.time.Instant.EPOCH, of(1, 2, -3));
        assertThat(WindowResult.decode(withViews.encode())).isEqualTo(withViews);
        WindowResult orders = new WindowResult("k", java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(10), 3, 0, 0,
                java.time.Instant.EPOCH);
        assertThat(new String(orders.encode(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("views");
        assertThat(WindowResult.decode(orders.encode())).isEqualTo(orders);
        WindowResult viewsOnly = new WindowResult("k", java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(10), 1, 0, 0,
                java.time.Instant.EPOCH, of(1));
        assertThat(new String(viewsOnly.encode(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("secondViewMs");
        assertThat(WindowResult.decode(viewsOnly.encode())).isEqualTo(viewsOnly);
    }
}

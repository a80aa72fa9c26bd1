package io.streamsim.model.oracle;

import io.streamsim.model.SequenceMeasure;
import java.util.ArrayList;
import java.util.List;

/** Names the fields in which a window's {@link SequenceMeasure} differs from the expected one. */
final class SequenceDifference {

    private SequenceDifference() {
    }

    /** {@code "secondViewMs 5000 instead of 4000"}, fields joined by commas; "no difference" when equal. */
    static String describe(SequenceMeasure want, SequenceMeasure got) {
        List<String> parts = new ArrayList<>();
        field(parts, "views", want.views(), got.views());
        field(parts, "purchases", want.purchases(), got.purchases());
        field(parts, "firstViewMs", want.firstViewMs(), got.firstViewMs());
        field(parts, "secondViewMs", want.secondViewMs(), got.secondViewMs());
        field(parts, "firstPurchaseMs", want.firstPurchaseMs(), got.firstPurchaseMs());
        return parts.isEmpty() ? "no difference" : String.join(", ", parts);
    }

    private static void field(List<String> parts, String name, long want, long got) {
        if (want != got) {
            parts.add(name + " " + text(got) + " instead of " + text(want));
        }
    }

    private static String text(long value) {
        return value == SequenceMeasure.NO_TIME ? "none" : Long.toString(value);
    }
}

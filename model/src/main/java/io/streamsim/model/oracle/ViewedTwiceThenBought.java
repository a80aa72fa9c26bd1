package io.streamsim.model.oracle;

import io.streamsim.model.SequenceMeasure;
import io.streamsim.model.WindowResult;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The answer to "which keys (a user and a product, after groupBy) viewed twice, then bought", counted from the
 * app's output beside the oracle's expectation: a key counts once when any of its windows holds two views before
 * its first purchase ({@link SequenceMeasure#viewedTwiceBeforePurchase()}).
 *
 * @param keysFromOutput    keys with such a window among the latest results on the output
 * @param keysExpected      keys with such a window among the oracle's expected windows
 * @param windowsFromOutput such windows on the output
 * @param windowsExpected   such windows the oracle expects
 */
public record ViewedTwiceThenBought(long keysFromOutput, long keysExpected, long windowsFromOutput,
                                    long windowsExpected) {

    /** The counts, or null when no window, expected or on the output, holds a view or a purchase (orders). */
    public static ViewedTwiceThenBought of(Map<WindowKey, ExpectedWindow> expected,
                                           Map<WindowKey, WindowResult> actualLatest) {
        Tally want = tally(expected, ExpectedWindow::sequence);
        Tally got = tally(actualLatest, WindowResult::sequence);
        if (!want.anySequence && !got.anySequence) {
            return null;
        }
        return new ViewedTwiceThenBought(got.keys.size(), want.keys.size(), got.windows, want.windows);
    }

    private static final class Tally {
        final Set<String> keys = new HashSet<>();
        long windows;
        boolean anySequence;
    }

    private static <W> Tally tally(Map<WindowKey, W> windows, Function<W, SequenceMeasure> sequence) {
        Tally tally = new Tally();
        windows.forEach((window, w) -> {
            SequenceMeasure s = sequence.apply(w);
            tally.anySequence |= !s.equals(SequenceMeasure.NONE);
            if (s.viewedTwiceBeforePurchase()) {
                tally.windows++;
                tally.keys.add(window.key());
            }
        });
        return tally;
    }
}

package io.streamsim.model.oracle;

import java.time.Instant;
import java.util.Objects;

/**
 * One window whose output differs from the oracle's expectation.
 *
 * @param expectedCount 0 for an {@link Kind#UNEXPECTED} window
 * @param actualCount   0 for a {@link Kind#MISSING} window
 * @param diagnosis     what explains the difference, in words: the one event counted twice, lost, or
 *                      aggregated although late when the window was traced; otherwise how the totals differ
 */
public record Mismatch(
        String key,
        Instant windowStart,
        Instant windowEnd,
        Kind kind,
        long expectedCount,
        long actualCount,
        long expectedSum,
        long actualSum,
        String diagnosis) {

    public enum Kind {
        /** Expected, but the output holds no result for the window. */
        MISSING,
        /** On the output with a count, sum, checksum or end other than expected. */
        WRONG,
        /** On the output, but the oracle expects no result for the window. */
        UNEXPECTED
    }

    public Mismatch {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(diagnosis, "diagnosis");
    }
}

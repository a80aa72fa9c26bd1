package io.streamsim.model.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * The oracle's comparison of the app's output with its expectation. Windows are (key, window) pairs;
 * contributions are (record, window) pairs, the sum of window counts.
 *
 * @param windowsExpected           windows the output must hold
 * @param windowsMatched            expected windows whose latest result equals the expectation
 * @param windowsMissing            expected windows with no result on the output
 * @param windowsWrong              windows with a result that differs in count, sum, id checksum or end
 * @param windowsUnexpected         windows with a result where none is expected
 * @param contributionsExpected     sum of the expected windows' counts
 * @param contributionsActual       sum of the output windows' latest counts
 * @param contributionsCountedTwice sum over windows of {@code max(0, actual count - expected count)}:
 *                                  at-least-once replay, or late records aggregated after a stream-time reset
 * @param contributionsMissing      sum over windows of {@code max(0, expected count - actual count)}, missing
 *                                  windows included
 * @param droppedLateExpected       (event, window) pairs the oracle dropped as late
 * @param poisonRecords             input records that do not decode
 * @param mismatches                the first {@value OracleComparison#MAX_MISMATCHES} mismatching windows, by
 *                                  window start then key
 */
public record OracleVerdict(
        long windowsExpected,
        long windowsMatched,
        long windowsMissing,
        long windowsWrong,
        long windowsUnexpected,
        long contributionsExpected,
        long contributionsActual,
        long contributionsCountedTwice,
        long contributionsMissing,
        long droppedLateExpected,
        long poisonRecords,
        List<Mismatch> mismatches) {

    public OracleVerdict {
        mismatches = List.copyOf(mismatches);
    }

    /** Every expected window is on the output with exactly the expected result, and nothing else is. */
    public boolean exact() {
        return windowsMissing == 0 && windowsWrong == 0 && windowsUnexpected == 0;
    }

    /**
     * Nothing lost: every expected window is on the output with at least its expected count. (A window that
     * lost one event and counted another twice passes this; {@link #exact()} does not.)
     */
    public boolean noLoss() {
        return windowsMissing == 0 && contributionsMissing == 0;
    }

    /** The same verdict listing only the first {@code limit} mismatches (for a summary, not the details). */
    public OracleVerdict withMismatchesLimitedTo(int limit) {
        return new OracleVerdict(windowsExpected, windowsMatched, windowsMissing, windowsWrong, windowsUnexpected,
                contributionsExpected, contributionsActual, contributionsCountedTwice, contributionsMissing,
                droppedLateExpected, poisonRecords, mismatches.subList(0, Math.min(limit, mismatches.size())));
    }

    /**
     * {@code "exact"}, or what differs, e.g.
     * {@code "3 windows wrong, 2 missing, 1 unexpected (of 120 expected); 4 contributions counted twice, 2 missing"}.
     */
    public String describe() {
        if (exact()) {
            return "exact";
        }
        List<String> parts = new ArrayList<>();
        addPart(parts, windowsWrong, "wrong");
        addPart(parts, windowsMissing, "missing");
        addPart(parts, windowsUnexpected, "unexpected");
        StringBuilder s = new StringBuilder(String.join(", ", parts))
                .append(" (of ").append(windowsExpected).append(" expected)");
        if (contributionsCountedTwice > 0 || contributionsMissing > 0) {
            s.append("; ").append(contributionsCountedTwice).append(contributionsCountedTwice == 1
                            ? " contribution" : " contributions")
                    .append(" counted twice, ").append(contributionsMissing).append(" missing");
        }
        return s.toString();
    }

    private static void addPart(List<String> parts, long n, String what) {
        if (n == 0) {
            return;
        }
        parts.add(parts.isEmpty() ? n + (n == 1 ? " window " : " windows ") + what : n + " " + what);
    }
}

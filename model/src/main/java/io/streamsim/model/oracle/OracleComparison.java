package io.streamsim.model.oracle;

import io.streamsim.model.WindowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Compares the oracle's {@link Expectation} with the latest result of every window read from the output. */
public final class OracleComparison {

    /**
     * How a diagnosis names a window that a stream-time reset decided: Kafka 4.3.1 does not restore a window
     * aggregation's stream time when a task is created anew (restart, rebalance), so records that the uninterrupted
     * run drops as late may be aggregated after it. Timing Kafka does not fix: such windows are reported apart.
     */
    public static final String STREAM_TIME_RESET = "a stream-time reset after a restart or rebalance";

    /** At most this many mismatches are listed in a verdict; the counts cover all of them. */
    public static final int MAX_MISMATCHES = 1000;

    private OracleComparison() {
    }

    /**
     * @param actualLatest the latest result of every window on the output topic, watermark key excluded
     */
    public static OracleVerdict compare(Expectation expected, Map<WindowKey, WindowResult> actualLatest) {
        long matched = 0;
        long missing = 0;
        long wrong = 0;
        long unexpected = 0;
        long contributionsActual = 0;
        long countedTwice = 0;
        long contributionsMissing = 0;
        List<WindowKey> mismatched = new ArrayList<>();
        for (Map.Entry<WindowKey, ExpectedWindow> e : expected.windows().entrySet()) {
            WindowKey window = e.getKey();
            ExpectedWindow want = e.getValue();
            WindowResult got = actualLatest.get(window);
            if (got == null) {
                missing++;
                contributionsMissing += want.count();
                mismatched.add(window);
                continue;
            }
            countedTwice += Math.max(0, got.count() - want.count());
            contributionsMissing += Math.max(0, want.count() - got.count());
            if (matches(expected, window, want, got)) {
                matched++;
            } else {
                wrong++;
                mismatched.add(window);
            }
        }
        for (Map.Entry<WindowKey, WindowResult> a : actualLatest.entrySet()) {
            contributionsActual += a.getValue().count();
            if (!expected.windows().containsKey(a.getKey())) {
                unexpected++;
                countedTwice += a.getValue().count();
                mismatched.add(a.getKey());
            }
        }
        Collections.sort(mismatched);
        List<Mismatch> listed = new ArrayList<>();
        for (WindowKey window : mismatched.subList(0, Math.min(MAX_MISMATCHES, mismatched.size()))) {
            listed.add(mismatch(expected, window, expected.windows().get(window), actualLatest.get(window)));
        }
        return new OracleVerdict(expected.windows().size(), matched, missing, wrong, unexpected,
                expected.contributions(), contributionsActual, countedTwice, contributionsMissing,
                expected.droppedLate(), expected.poisonRecords(), listed);
    }

    private static boolean matches(Expectation expected, WindowKey window, ExpectedWindow want, WindowResult got) {
        return got.count() == want.count() && got.sum() == want.sum() && got.idChecksum() == want.idChecksum()
                && got.windowEnd().equals(expected.windowEnd(window)) && got.sequence().equals(want.sequence());
    }

    private static Mismatch mismatch(Expectation expected, WindowKey window, ExpectedWindow want, WindowResult got) {
        Instant start = Instant.ofEpochMilli(window.windowStartMs());
        Instant end = want == null ? null : Instant.ofEpochMilli(want.endMs());
        WindowTrace trace = expected.trace(window).orElse(null);
        if (got == null) {
            return new Mismatch(window.key(), start, end, Mismatch.Kind.MISSING, want.count(), 0, want.sum(), 0,
                    "no result on the output for " + records(want.count()));
        }
        if (want == null) {
            return new Mismatch(window.key(), start, got.windowEnd(), Mismatch.Kind.UNEXPECTED, 0, got.count(), 0,
                    got.sum(), diagnose(new ExpectedWindow(0, 0, 0, got.windowEnd().toEpochMilli()), got, trace));
        }
        String diagnosis = got.windowEnd().equals(end) ? diagnose(want, got, trace)
                : "window end " + got.windowEnd() + " instead of " + end;
        return new Mismatch(window.key(), start, end, Mismatch.Kind.WRONG, want.count(), got.count(), want.sum(),
                got.sum(), diagnosis);
    }

    /** Whether the traced diagnosis of {@code m} explains it entirely by a stream-time reset. */
    public static boolean explainedByStreamTimeReset(Mismatch m) {
        return m.diagnosis().contains(STREAM_TIME_RESET);
    }

    /** Names the single event that explains the difference when the window was traced, else the totals. */
    static String diagnose(ExpectedWindow want, WindowResult got, WindowTrace trace) {
        long extra = got.count() - want.count();
        long checksumDelta = got.idChecksum() - want.idChecksum(); // wrapping, like the checksums
        if (trace != null) {
            if (extra == 1) {
                for (long id : trace.droppedIds()) {
                    if (WindowResult.idHash(id) == checksumDelta) {
                        return "event " + id + " aggregated although the oracle's stream time had closed the window"
                                + " (" + STREAM_TIME_RESET + "?)";
                    }
                }
                for (long id : trace.aggregatedIds()) {
                    if (WindowResult.idHash(id) == checksumDelta) {
                        return "event " + id + " counted twice";
                    }
                }
            } else if (extra == -1) {
                for (long id : trace.aggregatedIds()) {
                    if (-WindowResult.idHash(id) == checksumDelta) {
                        return "event " + id + " missing";
                    }
                }
            }
            if (extra > 1 && extra == trace.droppedIds().size() && checksumDelta == hashSum(trace.droppedIds())) {
                return "all " + extra + " events the oracle dropped as late were aggregated"
                        + " (" + STREAM_TIME_RESET + "?)";
            }
        }
        if (extra > 0) {
            return records(extra) + " more than expected";
        }
        if (extra < 0) {
            return records(-extra) + " fewer than expected";
        }
        if (checksumDelta != 0) {
            return "same count, other events (id checksum differs)";
        }
        if (got.sum() != want.sum()) {
            return "same events, sum " + got.sum() + " instead of " + want.sum();
        }
        return "same events, " + SequenceDifference.describe(want.sequence(), got.sequence());
    }

    private static long hashSum(List<Long> ids) {
        long sum = 0;
        for (long id : ids) {
            sum += WindowResult.idHash(id);
        }
        return sum;
    }

    private static String records(long n) {
        return n == 1 ? "1 record" : n + " records";
    }
}

package io.streamsim.simulator.oracle;

import io.streamsim.model.oracle.LatenessHistogram;
import io.streamsim.model.oracle.OracleVerdict;
import io.streamsim.model.oracle.ViewedTwiceThenBought;

/**
 * The oracle's verdict on one run, as it goes into {@code summary.json}.
 *
 * @param verdict                  {@code "exact"}, or what differs, e.g. {@code "3 windows wrong, 2 missing (of
 *                                 120 expected)"} ({@link OracleVerdict#describe()})
 * @param counts                   the comparison's figures; its mismatch list holds only the first
 *                                 {@value OracleCheck#MISMATCHES_IN_REPORT} (the details file has up to
 *                                 {@value io.streamsim.model.oracle.OracleComparison#MAX_MISMATCHES})
 * @param inputRecordsRead         input records replayed, of any kind (events, duplicates, poison, watermarks)
 * @param outputRecordsRead        committed output records read (every update under eager emission)
 * @param outputRecordsUndecodable output records that are not a window result (never expected)
 * @param lateness                 how late the replayed events were by stream time (the report's lateness chart);
 *                                 null when not measured
 * @param viewedTwiceThenBought    keys that viewed twice, then bought, from the output and from the oracle; null
 *                                 when no window holds a view or a purchase
 */
public record OracleReport(
        String verdict,
        OracleVerdict counts,
        long inputRecordsRead,
        long outputRecordsRead,
        long outputRecordsUndecodable,
        LatenessHistogram lateness,
        ViewedTwiceThenBought viewedTwiceThenBought) {

    /** A report without the sequence answer. */
    public OracleReport(String verdict, OracleVerdict counts, long inputRecordsRead, long outputRecordsRead,
                        long outputRecordsUndecodable, LatenessHistogram lateness) {
        this(verdict, counts, inputRecordsRead, outputRecordsRead, outputRecordsUndecodable, lateness, null);
    }

    /** A report without a lateness histogram. */
    public OracleReport(String verdict, OracleVerdict counts, long inputRecordsRead, long outputRecordsRead,
                        long outputRecordsUndecodable) {
        this(verdict, counts, inputRecordsRead, outputRecordsRead, outputRecordsUndecodable, null);
    }
}

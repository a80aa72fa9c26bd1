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
 * @param backfill                 what became of the records backfill faults wrote; null when there were none
 * @param repartition              the groupBy step's repartition topic as checked; null without groupBy
 * @param dedup                    the dedup step's expected drops; null without dedup
 * @param viewedTwiceThenBought    keys that viewed twice, then bought, from the output and from the oracle; null
 *                                 when no window holds a view or a purchase
 * @param enrich                   the enrich step's reference table and the row versions its join used; null
 *                                 without an enrich step
 */
public record OracleReport(
        String verdict,
        OracleVerdict counts,
        long inputRecordsRead,
        long outputRecordsRead,
        long outputRecordsUndecodable,
        LatenessHistogram lateness,
        BackfillFate backfill,
        StepFigures.Repartition repartition,
        StepFigures.Dedup dedup,
        ViewedTwiceThenBought viewedTwiceThenBought,
        EnrichFigures enrich) {

    /** A report of a topology without an enrich step. */
    public OracleReport(String verdict, OracleVerdict counts, long inputRecordsRead, long outputRecordsRead,
                        long outputRecordsUndecodable, LatenessHistogram lateness, BackfillFate backfill,
                        StepFigures.Repartition repartition, StepFigures.Dedup dedup,
                        ViewedTwiceThenBought viewedTwiceThenBought) {
        this(verdict, counts, inputRecordsRead, outputRecordsRead, outputRecordsUndecodable, lateness, backfill,
                repartition, dedup, viewedTwiceThenBought, null);
    }

    /**
     * The backfilled records' fate by the oracle's drop rule (Kafka Streams' own): a backfill into a live windowed
     * aggregation lands behind stream time, so most of it is dropped as too late.
     *
     * @param records            backfilled records on the input topic
     * @param recordsDroppedLate of them, those with at least one window dropped as too late
     * @param pairsDroppedLate   (record, window) pairs of them dropped as too late
     */
    public record BackfillFate(long records, long recordsDroppedLate, long pairsDroppedLate) {
    }

    /** A report of a topology without dedup or groupBy, and of a run without backfills. */
    public OracleReport(String verdict, OracleVerdict counts, long inputRecordsRead, long outputRecordsRead,
                        long outputRecordsUndecodable, LatenessHistogram lateness) {
        this(verdict, counts, inputRecordsRead, outputRecordsRead, outputRecordsUndecodable, lateness, null, null, null, null);
    }

    /** The window results are exact and, with groupBy, every expected record reached the repartition topic. */
    public boolean exact() {
        return counts.exact() && (repartition == null || repartition.nothingLost());
    }

    /** Nothing lost: {@link OracleVerdict#noLoss()}, and with groupBy nothing lost before the window step. */
    public boolean noLoss() {
        return counts.noLoss() && (repartition == null || repartition.nothingLost());
    }

    /** A report without a lateness histogram. */
    public OracleReport(String verdict, OracleVerdict counts, long inputRecordsRead, long outputRecordsRead,
                        long outputRecordsUndecodable) {
        this(verdict, counts, inputRecordsRead, outputRecordsRead, outputRecordsUndecodable, null);
    }
}

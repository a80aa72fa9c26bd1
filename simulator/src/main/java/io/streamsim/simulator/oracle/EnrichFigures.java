package io.streamsim.simulator.oracle;

import io.streamsim.model.oracle.EnrichAudit;
import io.streamsim.model.oracle.ReferenceHistory;
import io.streamsim.model.scenario.EnrichStep;
import java.util.Locale;

/**
 * What the oracle found about a run's enrich step, as it goes into {@code summary.json}: the reference table it read
 * (every version still on the compacted topic), and for each enriched event written after the join (the groupBy's
 * repartition topic) whether the app joined it with the row as of the event's own time, and if not why
 * ({@link EnrichAudit}). Without a groupBy after the enrich step the enriched events are written nowhere, so the
 * versions the app used cannot be read back: {@link #observable()} is false and the audit counts are zero.
 *
 * @param join                 {@code broadcast} or {@code shuffle}
 * @param versioned            whether the table is a versioned store (joined as of event time)
 * @param referenceRows        rows read from the reference topic, every version counted
 * @param referenceKeys        distinct row keys among them
 * @param droppedExpected      events the step drops by the event-time truth ({@code onMissing: drop}, no row)
 * @param observable           whether enriched events were read back (a groupBy follows the step)
 * @param enrichedRead         enriched events read back (extra copies included)
 * @param asOfEventTime        of them, joined with the row version valid at their own time
 * @param stale                joined with an older version (the update for their time not yet read)
 * @param future               joined with a newer version (a later update already read: processing-time join)
 * @param noRow                joined with no row where the truth has one
 * @param unexpectedRow        joined with a row where the truth has none
 * @param table                what the table holds at the end: all of it in every instance for a broadcast join,
 *                             a partition's share in each task for a shuffle join
 */
public record EnrichFigures(String join, boolean versioned, long referenceRows, long referenceKeys,
                            long droppedExpected, boolean observable, long enrichedRead, long asOfEventTime,
                            long stale, long future, long noRow, long unexpectedRow, Footprint table) {

    /**
     * The table's latest rows by the reference topic read back: rows (one per key) and their key + value bytes (the
     * serialized row, what the store holds per entry before its own overhead; a versioned store holds superseded
     * versions within its history on top), in all and in the largest partition (a shuffle join's largest task).
     * A broadcast join's every instance holds {@code rows} / {@code bytes}; a shuffle join's instance the sum of its
     * tasks' partitions.
     */
    public record Footprint(int partitions, long rows, long bytes, long largestPartitionRows,
                            long largestPartitionBytes) {
    }

    /** Collects the latest version of each key per partition. */
    static final class FootprintBuilder {

        private final int partitions;
        private final java.util.Map<String, long[]> latest = new java.util.HashMap<>();

        FootprintBuilder(int partitions) {
            this.partitions = partitions;
        }

        /** A row record; a later offset of the same key replaces an earlier one. */
        void accept(int partition, byte[] key, byte[] value) {
            String k = new String(key == null ? new byte[0] : key, java.nio.charset.StandardCharsets.UTF_8);
            latest.put(k, new long[] {partition, (key == null ? 0 : key.length) + (value == null ? 0 : value.length)});
        }

        Footprint build() {
            long[] rows = new long[Math.max(1, partitions)];
            long[] bytes = new long[Math.max(1, partitions)];
            for (long[] entry : latest.values()) {
                int p = (int) Math.min(entry[0], rows.length - 1);
                rows[p]++;
                bytes[p] += entry[1];
            }
            int largest = 0;
            for (int p = 1; p < rows.length; p++) {
                if (rows[p] > rows[largest]) {
                    largest = p;
                }
            }
            return new Footprint(partitions, java.util.Arrays.stream(rows).sum(), java.util.Arrays.stream(bytes).sum(),
                    rows[largest], bytes[largest]);
        }
    }

    static EnrichFigures of(EnrichStep step, ReferenceHistory reference, long droppedExpected, EnrichAudit audit,
                            Footprint table) {
        return new EnrichFigures(step.join().name().toLowerCase(Locale.ROOT), step.versionedHistory().isPresent(),
                reference.rows(), reference.keys(), droppedExpected, audit != null,
                audit == null ? 0 : audit.events(), audit == null ? 0 : audit.asOfEventTime(),
                audit == null ? 0 : audit.stale(), audit == null ? 0 : audit.future(),
                audit == null ? 0 : audit.noRow(), audit == null ? 0 : audit.unexpectedRow(), table);
    }

    /** Enriched events whose version differs from the event-time truth, every cause. */
    public long differing() {
        return stale + future + noRow + unexpectedRow;
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.Enrichment;
import io.streamsim.model.Event;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.Watermark;
import java.util.Objects;

/**
 * Compares the row version each enriched event carries ({@link Enrichment#version()}, stamped by the app's join) with
 * the row as of the event's own time ({@link ReferenceHistory#asOf}), and counts the differences by cause:
 * <ul>
 *   <li>{@link #stale()}: an older version than the truth (the update that applies at the event's time had not been
 *       read when the event was joined; e.g. the event was processed before the update reached the table);</li>
 *   <li>{@link #future()}: a newer version than the truth (a later update had already been read: a late or
 *       disordered event joined against a table that had moved on, what a GlobalKTable or unversioned KTable join
 *       does by design);</li>
 *   <li>{@link #noRow()}: no row, where the truth has one (a versioned lookup beyond the store's history, or the row
 *       not read yet);</li>
 *   <li>{@link #unexpectedRow()}: a row where the truth has none.</li>
 * </ul>
 * An event that used the truth's version counts in {@link #asOfEventTime()}. Watermarks and events without an
 * enrichment are not counted. Not thread-safe.
 */
public final class EnrichAudit {

    private final ReferenceHistory reference;
    private long asOfEventTime;
    private long stale;
    private long future;
    private long noRow;
    private long unexpectedRow;

    public EnrichAudit(ReferenceHistory reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /** Takes one enriched event as it was written after the join. */
    public void accept(Event event) {
        Enrichment used = event.enrichment();
        if (event instanceof Watermark || used == null) {
            return;
        }
        ReferenceRow truth = reference.asOf(event.key(), event.eventTime().toEpochMilli());
        long truthVersion = truth == null ? -1 : truth.version();
        if (used.version() == truthVersion) {
            asOfEventTime++;
        } else if (!used.found()) {
            noRow++;
        } else if (truth == null) {
            unexpectedRow++;
        } else if (used.version() < truthVersion) {
            stale++;
        } else {
            future++;
        }
    }

    /** Enriched events compared. */
    public long events() {
        return asOfEventTime + stale + future + noRow + unexpectedRow;
    }

    public long asOfEventTime() {
        return asOfEventTime;
    }

    public long stale() {
        return stale;
    }

    public long future() {
        return future;
    }

    public long noRow() {
        return noRow;
    }

    public long unexpectedRow() {
        return unexpectedRow;
    }

    /** Events that used another version than the event-time truth, every cause. */
    public long differing() {
        return stale + future + noRow + unexpectedRow;
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.ReferenceRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every version of every row of a reference table, as read from the reference topic, and the row as of a given
 * event time: the version with the greatest {@code validFrom} at or before that time (a later version of equal
 * {@code validFrom} wins, as a later put of the same key and timestamp replaces the earlier one in a versioned
 * store). seller-1 at v0 from the epoch and v1 from 20s: as of 19.999s v0, as of 20s v1. Not thread-safe.
 */
public final class ReferenceHistory {

    private final Map<String, List<ReferenceRow>> versions = new HashMap<>();
    private long rows;

    /** Takes the next row read from the topic, in any order. */
    public void accept(ReferenceRow row) {
        versions.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
        rows++;
    }

    /** The row of {@code key} valid at {@code timeMs}, or null when the key has none then. */
    public ReferenceRow asOf(String key, long timeMs) {
        List<ReferenceRow> rowVersions = versions.get(key);
        if (rowVersions == null) {
            return null;
        }
        ReferenceRow best = null;
        for (ReferenceRow row : rowVersions) {
            long from = row.validFrom().toEpochMilli();
            if (from <= timeMs && (best == null || from > best.validFrom().toEpochMilli()
                    || (from == best.validFrom().toEpochMilli() && row.version() > best.version()))) {
                best = row;
            }
        }
        return best;
    }

    /** Rows read, every version counted. */
    public long rows() {
        return rows;
    }

    /** Keys with at least one row. */
    public int keys() {
        return versions.size();
    }
}

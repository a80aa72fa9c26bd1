package io.streamsim.model.oracle;

import java.util.List;

/**
 * How late the decodable events of a replay were: lateness is the partition's stream time (the largest record
 * timestamp seen so far, this record's included) minus the record's timestamp, so 0 for a record in order.
 * {@code counts[i]} holds the events with lateness at most {@code upperBoundsSeconds[i]} (and above the bound
 * before); the last count, one more than there are bounds, holds those above the last bound.
 * Bounds 0, 0.1, 1: counts of [in order, (0;0.1s], (0.1s;1s], above 1s].
 */
public record LatenessHistogram(List<Double> upperBoundsSeconds, List<Long> counts) {

    /** The default bounds: in order, then 100ms up to 5 minutes. */
    public static final List<Double> DEFAULT_BOUNDS_SECONDS =
            List.of(0.0, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

    public LatenessHistogram {
        upperBoundsSeconds = List.copyOf(upperBoundsSeconds);
        counts = List.copyOf(counts);
        if (counts.size() != upperBoundsSeconds.size() + 1) {
            throw new IllegalArgumentException("counts needs one more entry than upperBoundsSeconds: "
                    + counts.size() + " vs " + upperBoundsSeconds.size());
        }
    }

    /** Events counted. */
    public long events() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** Counts events into the default buckets. Not thread-safe. */
    static final class Builder {
        private final long[] boundsMs;
        private final long[] counts;

        Builder(List<Double> boundsSeconds) {
            boundsMs = boundsSeconds.stream().mapToLong(s -> Math.round(s * 1000)).toArray();
            counts = new long[boundsMs.length + 1];
        }

        void add(long latenessMs) {
            int i = 0;
            while (i < boundsMs.length && latenessMs > boundsMs[i]) {
                i++;
            }
            counts[i]++;
        }

        LatenessHistogram build(List<Double> boundsSeconds) {
            return new LatenessHistogram(boundsSeconds, java.util.Arrays.stream(counts).boxed().toList());
        }
    }
}

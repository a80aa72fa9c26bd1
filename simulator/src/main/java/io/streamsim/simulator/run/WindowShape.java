package io.streamsim.simulator.run;

import io.streamsim.model.WindowResult;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the output's windows look like, from the latest result of every window on the output topic (retracted
 * sessions excluded): how many windows and keys, and for session windows how long the sessions are.
 *
 * @param windows  windows on the output
 * @param keys     distinct keys among them
 * @param sessions the session figures, null unless the window step is a session window
 */
public record WindowShape(long windows, long keys, SessionFigures sessions) {

    /**
     * @param lengthP50Seconds   median session length, {@code end - start} (0 for a session of one record)
     * @param lengthP99Seconds   99th percentile of it, nearest rank
     * @param lengthMaxSeconds   the longest session
     * @param sessionsPerKeyMean sessions per key, on average
     * @param sessionsPerKeyMax  the most sessions any one key has
     */
    public record SessionFigures(double lengthP50Seconds, double lengthP99Seconds, double lengthMaxSeconds,
                                 double sessionsPerKeyMean, long sessionsPerKeyMax) {
    }

    /** The shape of {@code latest}; with {@code sessionWindows}, the session figures too. */
    static WindowShape of(Collection<WindowResult> latest, boolean sessionWindows) {
        Map<String, Long> perKey = new HashMap<>();
        long[] lengthsMs = new long[latest.size()];
        int i = 0;
        for (WindowResult r : latest) {
            perKey.merge(r.key(), 1L, Long::sum);
            lengthsMs[i++] = r.windowEnd().toEpochMilli() - r.windowStart().toEpochMilli();
        }
        if (!sessionWindows || lengthsMs.length == 0) {
            return new WindowShape(latest.size(), perKey.size(), null);
        }
        Arrays.sort(lengthsMs);
        return new WindowShape(latest.size(), perKey.size(), new SessionFigures(
                nearestRank(lengthsMs, 50) / 1000.0, nearestRank(lengthsMs, 99) / 1000.0,
                lengthsMs[lengthsMs.length - 1] / 1000.0,
                (double) latest.size() / perKey.size(),
                perKey.values().stream().mapToLong(Long::longValue).max().orElse(0)));
    }

    private static long nearestRank(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.DedupStep;
import java.util.HashMap;
import java.util.Map;

/**
 * The dedup step as the app executes it ({@code DedupStepBuilder}, {@link DedupStep}'s rule), per task = per
 * input partition: stream time is the task's, the largest timestamp of every record the task dequeued (the
 * current one included; records without a key or value too, undecodable ones not), and Kafka restores it after
 * a restart, so the model never resets it. An event is dropped when a kept copy of its id was seen at a stream
 * time {@code >= streamTime - within}; a kept event is remembered at the current stream time. Within 10s: kept
 * at stream time 100s, a copy at stream time 110s is dropped, one at 110.001s is kept (and remembered anew).
 * Watermarks always pass. Not thread-safe.
 */
public final class DedupModel {

    private static final long NO_TIMESTAMP = -1;

    private final long withinMs;
    private final Map<Integer, long[]> streamTimes = new HashMap<>();
    private final Map<Integer, Map<Long, Long>> keptAt = new HashMap<>();
    private long dropped;
    private long keptAgain;

    public DedupModel(DedupStep step) {
        this.withinMs = step.within().toMillis();
    }

    /** A record of {@code task} that does not reach the step (no key or value) but moves its stream time. */
    public void observe(int task, long timestampMs) {
        long[] streamTime = streamTimes.computeIfAbsent(task, ignored -> new long[] {NO_TIMESTAMP});
        streamTime[0] = Math.max(streamTime[0], timestampMs);
    }

    /** @return whether the event passes the step */
    public boolean accept(int task, long timestampMs, Event event) {
        observe(task, timestampMs);
        if (event instanceof Watermark) {
            return true;
        }
        long streamTime = streamTimes.get(task)[0];
        Map<Long, Long> seen = keptAt.computeIfAbsent(task, ignored -> new HashMap<>());
        Long previous = seen.get(event.id());
        if (previous != null && previous >= streamTime - withinMs) {
            dropped++;
            return false;
        }
        if (previous != null) {
            keptAgain++;
        }
        seen.put(event.id(), streamTime);
        return true;
    }

    /** Events dropped as duplicates: the app's {@code records.dropped{reason=duplicate}} must equal it. */
    public long dropped() {
        return dropped;
    }

    /**
     * Copies kept although their id had been kept before in the same partition: the earlier copy was seen more
     * than {@code within} of stream time before. Both reach the window step.
     */
    public long keptAgainAfterWithin() {
        return keptAgain;
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.scenario.WindowSpec;
import io.streamsim.model.scenario.WindowStep;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One window type's aggregation rule, as Kafka Streams 4.3.1 executes it: which windows a record goes into,
 * when it is too late for them, and what every window's final result is. A model keeps a stream time per task
 * (per partition of the aggregation's input) and is fed each task's records in the order the task processes
 * them. A {@link io.streamsim.model.Watermark} is aggregated under its own key like any record (it moves stream
 * time), adds nothing, and its windows are never expected on the output; its late drops are not counted.
 * Not thread-safe.
 */
public interface WindowModel {

    /** The model of {@code step}'s window type. */
    static WindowModel of(WindowStep step, Predicate<WindowKey> traced) {
        WindowSpec window = step.window();
        if (window instanceof WindowSpec.Aligned aligned) {
            return new AlignedWindowModel(aligned, step.grace(), traced);
        }
        if (window instanceof WindowSpec.Sliding sliding) {
            return new SlidingWindowModel(sliding, step.grace(), traced);
        }
        return new SessionWindowModel((WindowSpec.Session) window, step.grace(), traced);
    }

    /**
     * Takes the next record of {@code task}, whose key and value are present.
     *
     * @return how many drops the record counts as late, in the unit the app counts for this window type
     *         (Kafka's {@code dropped-records}): per (record, window) for aligned windows; for sliding windows one
     *         per window the record would update or make that has expired, or one for a record dropped whole;
     *         0 for a watermark
     */
    int accept(int task, long timestampMs, String key, Event event);

    /**
     * Models the task being created anew, after an app instance's restart or a rebalance: Kafka 4.3.1 does not
     * restore a window aggregation's stream time, so it starts again at -1. Never calling this models the
     * uninterrupted run that exactly-once output must equal.
     */
    void resetStreamTime(int task);

    /** The task's stream time: the largest timestamp taken since the last reset, -1 for none. */
    long streamTime(int task);

    /** Every window's final result that must be on the output topic, given the records taken so far. */
    Map<WindowKey, ExpectedWindow> windows();

    /** Event ids behind the traced windows (see {@link WindowTrace}). */
    Map<WindowKey, WindowTrace> traces();
}

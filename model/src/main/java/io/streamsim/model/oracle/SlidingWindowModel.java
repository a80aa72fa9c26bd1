package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.SequenceMeasure;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Sliding windows, by replaying Kafka Streams 4.3.1's own algorithm ({@code KStreamSlidingWindowAggregate} over its
 * RocksDB window store) per task and key: Kafka does not compute a sliding window's contents from the records it
 * covers, it creates windows where a bound meets a record and seeds new ones with the aggregate of a neighbouring
 * window, so the windows that exist and what they hold depend on the order records arrive in. The model therefore
 * keeps, per key, the windows the store holds (start, aggregate, latest record timestamp) and takes each task's
 * records in processing order, as the facade feeds them.
 *
 * <p>A record at t, with stream time first moved to {@code max(streamTime, t)} and closeTime = streamTime - grace:
 * <ul>
 *   <li>{@code t + timeDifference < closeTime}: dropped whole, one drop;</li>
 *   <li>{@code t < timeDifference}: it goes into {@code [0; timeDifference]} (no negative starts), into the existing
 *       windows that start after 0 and not after t, and makes the right windows of itself and of the record
 *       before it when they hold something;</li>
 *   <li>otherwise the key's windows starting from {@code t - 2 timeDifference} to {@code t + 1} are walked from the
 *       latest: those containing t are updated, the first that ends before t seeds t's left window
 *       {@code [t - timeDifference; t]} when its latest record is within timeDifference of t, and the right
 *       windows {@code [r + 1; r + 1 + timeDifference]} of t and of the record r before it are made when they
 *       would hold a record.</li>
 * </ul>
 * Every window the record updates or makes with an end before closeTime is a drop instead (one per window), except
 * t's own right window, which Kafka makes without that check. The store hides windows that start before its
 * retention ({@code 2 timeDifference + grace}) behind the latest window start written to it in the task (all keys),
 * which changes what a very late record finds; that is modelled too. TimeDifference 10s, records at 0s, 10s and
 * 10.001s of one key: [0s;10s] holds 0s and 10s (both bounds included), [0.001s;10.001s] holds 10s and 10.001s,
 * and [10.001s;20.001s], the right window of 10s, holds 10.001s; no window starts after 10.001s, since nothing
 * follows it.
 *
 * <p>What this model cannot see: with a record cache ({@code stateStoreCacheBytes} above 0), windows not yet flushed
 * to RocksDB are visible to a fetch even when older than the retention, and the store's latest window start moves
 * only on flush, so for records later than about {@code timeDifference + grace} the number of drops (and, at the
 * exact boundary, one window's contents) can depend on when the cache flushed. The property test runs without a
 * cache; scenarios meant to be exact set {@code stateStoreCacheBytes: 0}.
 */
final class SlidingWindowModel implements WindowModel {

    private static final long NO_TIMESTAMP = -1;

    private final long timeDifferenceMs;
    private final long graceMs;
    private final long retentionMs;
    private final Predicate<WindowKey> traced;
    private final Map<Integer, TaskState> tasks = new HashMap<>();
    private final Map<WindowKey, TraceBuilder> traces = new HashMap<>();

    SlidingWindowModel(WindowSpec.Sliding window, Duration grace, Predicate<WindowKey> traced) {
        this.timeDifferenceMs = window.timeDifference().toMillis();
        this.graceMs = grace.toMillis();
        this.retentionMs = 2 * timeDifferenceMs + graceMs;
        this.traced = Objects.requireNonNull(traced, "traced");
    }

    @Override
    public int accept(int task, long timestampMs, String key, Event event) {
        TaskState state = tasks.computeIfAbsent(task, ignored -> new TaskState());
        state.streamTime = Math.max(state.streamTime, timestampMs);
        Pass pass = new Pass(state, state.windows.computeIfAbsent(key, ignored -> new TreeMap<>()), key,
                timestampMs, event, state.streamTime - graceMs);
        if (timestampMs + timeDifferenceMs < pass.closeTime) {
            pass.dropped++;
            pass.traceDropped(timestampMs - timeDifferenceMs);
        } else if (timestampMs < timeDifferenceMs) {
            pass.early();
        } else {
            pass.reverse();
        }
        return pass.dropped;
    }

    @Override
    public void resetStreamTime(int task) {
        TaskState state = tasks.get(task);
        if (state != null) {
            state.streamTime = NO_TIMESTAMP; // the store, and its latest window start, are restored
        }
    }

    @Override
    public long streamTime(int task) {
        TaskState state = tasks.get(task);
        return state == null ? NO_TIMESTAMP : state.streamTime;
    }

    /** Every window Kafka wrote, with its latest aggregate; {@code endMs} is Kafka's inclusive end, start + timeDifference. */
    @Override
    public Map<WindowKey, ExpectedWindow> windows() {
        Map<WindowKey, ExpectedWindow> expected = new HashMap<>();
        for (TaskState state : tasks.values()) {
            state.windows.forEach((key, windows) -> {
                if (Watermark.KEY.equals(key)) {
                    return;
                }
                windows.forEach((start, w) -> expected.put(new WindowKey(key, start), new ExpectedWindow(
                        w.agg.count, w.agg.sum, w.agg.idChecksum, start + timeDifferenceMs, w.agg.sequence)));
            });
        }
        return expected;
    }

    @Override
    public Map<WindowKey, WindowTrace> traces() {
        Map<WindowKey, WindowTrace> snapshot = new HashMap<>();
        traces.forEach((k, t) -> snapshot.put(k, new WindowTrace(t.aggregated, t.dropped)));
        return snapshot;
    }

    /** One task's stream time and window store (all keys share the store's latest window start). */
    private static final class TaskState {
        long streamTime = NO_TIMESTAMP;
        long storeStreamTime = NO_TIMESTAMP;
        final Map<String, NavigableMap<Long, Window>> windows = new HashMap<>();
    }

    /** A window's aggregate; immutable, since Kafka copies one window's aggregate into another. */
    private record Agg(long count, long sum, long idChecksum, SequenceMeasure sequence) {
        static final Agg EMPTY = new Agg(0, 0, 0, SequenceMeasure.NONE);

        Agg add(Event event, long timestampMs) {
            if (event instanceof Watermark) {
                return this;
            }
            return new Agg(count + 1, sum + event.aggregatedValue(), idChecksum + WindowResult.idHash(event.id()),
                    sequence.add(SequenceMeasure.kindOf(event), timestampMs));
        }
    }

    /** What the store holds for one window: its aggregate and the latest timestamp of its records. */
    private record Window(Agg agg, long maxTimestampMs) {
    }

    /** One record's pass over its key's windows. */
    private final class Pass {
        final TaskState state;
        final NavigableMap<Long, Window> windows;
        final String key;
        final long ts;
        final Event event;
        final long closeTime;
        final boolean traceable;
        int dropped;

        Pass(TaskState state, NavigableMap<Long, Window> windows, String key, long ts, Event event, long closeTime) {
            this.state = state;
            this.windows = windows;
            this.key = key;
            this.ts = ts;
            this.event = event;
            this.closeTime = closeTime;
            this.traceable = !(event instanceof Watermark) && !Watermark.KEY.equals(key);
        }

        /** The key's windows a fetch of starts [from; to] returns, latest first: the store hides expired ones. */
        NavigableMap<Long, Window> fetch(long from, long to) {
            long actualFrom = Math.max(from, state.storeStreamTime - retentionMs + 1);
            if (to < actualFrom) {
                return new TreeMap<>();
            }
            return new TreeMap<>(windows.subMap(actualFrom, true, to, true)); // a snapshot, as Kafka's iterator
        }

        void reverse() {
            Set<Long> starts = new HashSet<>();
            Window leftAgg = null;
            Window rightAgg = null;
            boolean leftMade = false;
            boolean rightMade = false;
            Long previous = null;
            for (Map.Entry<Long, Window> e : fetch(Math.max(0, ts - 2 * timeDifferenceMs), ts + 1)
                    .descendingMap().entrySet()) {
                long start = e.getKey();
                Window w = e.getValue();
                starts.add(start);
                long end = start + timeDifferenceMs;
                if (start == ts + 1) {
                    rightMade = true;
                } else if (end > ts) {
                    if (rightAgg == null) {
                        rightAgg = w;
                    }
                    update(start, w);
                } else if (end == ts) {
                    leftMade = true;
                    update(start, w);
                    if (w.maxTimestampMs < ts) {
                        previous = w.maxTimestampMs;
                    } else {
                        return;
                    }
                } else {
                    leftAgg = w;
                    previous = w.maxTimestampMs;
                    break;
                }
            }
            if (previous != null) {
                long previousRightStart = previous + 1;
                if (!starts.contains(previousRightStart) && previousRightStart + timeDifferenceMs >= ts) {
                    update(previousRightStart, new Window(Agg.EMPTY, ts));
                }
            }
            if (!leftMade) {
                boolean leftHoldsPrevious = previous != null && ts - timeDifferenceMs <= previous;
                update(ts - timeDifferenceMs, new Window(leftHoldsPrevious ? leftAgg.agg : Agg.EMPTY, ts));
            }
            if (!rightMade && rightAgg != null && rightAgg.maxTimestampMs > ts) {
                copyTrace(rightAgg.agg, ts + 1);
                put(ts + 1, rightAgg);
            }
        }

        void early() {
            Window combined = null;
            Window rightAgg = null;
            boolean rightMade = false;
            Set<Long> starts = new HashSet<>();
            Long previous = null;
            for (Map.Entry<Long, Window> e : fetch(0, ts + 1).entrySet()) {
                long start = e.getKey();
                Window w = e.getValue();
                starts.add(start);
                if (start == 0) {
                    combined = w;
                    if (w.maxTimestampMs < ts) {
                        previous = w.maxTimestampMs;
                    }
                } else if (start <= ts) {
                    rightAgg = w;
                    update(start, w);
                } else {
                    rightMade = true; // start == ts + 1: the fetch ends there
                }
            }
            if (rightAgg == null && combined != null && combined.maxTimestampMs > ts) {
                rightAgg = combined;
            }
            if (!rightMade && rightAgg != null && rightAgg.maxTimestampMs > ts) {
                copyTrace(rightAgg.agg, ts + 1);
                put(ts + 1, rightAgg);
            }
            if (previous != null && !starts.contains(previous + 1)) {
                update(previous + 1, new Window(Agg.EMPTY, ts));
            }
            update(0, combined == null ? new Window(Agg.EMPTY, ts) : combined);
        }

        /** Adds the record to a window (found or new) unless the window ended before closeTime: then a drop. */
        void update(long start, Window w) {
            if (start + timeDifferenceMs >= closeTime) {
                Window before = windows.get(start);
                if (before == null || before.agg != w.agg) {
                    copyTrace(w.agg, start); // a new window seeded from another one's aggregate
                }
                put(start, new Window(w.agg.add(event, ts), Math.max(ts, w.maxTimestampMs)));
                if (traceable && traced.test(new WindowKey(key, start))) {
                    trace(start).aggregated.add(event.id());
                }
            } else {
                dropped++;
                traceDropped(start);
            }
        }

        void put(long start, Window w) {
            state.storeStreamTime = Math.max(state.storeStreamTime, start);
            windows.put(start, w);
        }

        void traceDropped(long start) {
            if (traceable && traced.test(new WindowKey(key, start))) {
                trace(start).dropped.add(event.id());
            }
        }

        /** A window made from another's aggregate inherits the ids the source's trace holds, if it has one. */
        void copyTrace(Agg source, long start) {
            if (source == Agg.EMPTY || Watermark.KEY.equals(key) || !traced.test(new WindowKey(key, start))) {
                return;
            }
            TraceBuilder target = trace(start);
            for (Map.Entry<Long, Window> e : windows.entrySet()) {
                if (e.getValue().agg == source && e.getKey() != start) {
                    TraceBuilder from = traces.get(new WindowKey(key, e.getKey()));
                    if (from != null) {
                        target.aggregated.addAll(from.aggregated);
                    }
                    return;
                }
            }
        }

        TraceBuilder trace(long start) {
            return traces.computeIfAbsent(new WindowKey(key, start), ignored -> new TraceBuilder());
        }
    }

    private static final class TraceBuilder {
        final List<Long> aggregated = new ArrayList<>();
        final List<Long> dropped = new ArrayList<>();
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.SequenceMeasure;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Session windows, by Kafka Streams 4.3.1's rule ({@code KStreamSessionWindowAggregate} over the DSL's
 * {@code RocksDBSessionStore}, retention gap + grace, without the record cache, as the app builds it):
 * <ol>
 *   <li>stream time first moves to {@code max(streamTime, t)};</li>
 *   <li>the record finds its key's sessions with {@code end >= t - gap} and {@code start <= t + gap} that the
 *       store still lists, i.e. with {@code end > storeStreamTime - gap - grace}, where the store's stream time
 *       is the largest session end written to it before this record;</li>
 *   <li>the merged session spans the record and every session found; when its end is before
 *       {@code streamTime - grace - gap} the record is dropped (one drop per record), otherwise the sessions
 *       found are replaced by the merged one, which holds the record too.</li>
 * </ol>
 * Gap 10s, grace 5s: records at 0s and 10s make one session [0s;10s] (a record exactly gap after the last
 * joins it); after stream time 30s, a record at 14.999s that joins nothing is dropped and one at 15s starts
 * [15s;15s]; a session ending at 15s is no longer listed then, so a record at 20s starts its own session beside it.
 *
 * <p>The aggregation's stream time starts again at -1 when the task is created anew ({@link #resetStreamTime});
 * the store's does not, as restoring the store from its changelog raises it to the largest session end restored.
 * That holds for a full restore (exactly_once_v2 wipes the state after a crash); an instance that keeps its local
 * state restores only the changelog's tail, and its store may then list sessions this model hides. A session's result ends at its last record,
 * inclusive. Windows of {@link Watermark#KEY} are kept (they move both stream times) but never expected.
 */
final class SessionWindowModel implements WindowModel {

    private static final long NO_TIMESTAMP = -1;

    private final long gapMs;
    private final long graceMs;
    private final Predicate<WindowKey> traced;
    private final Map<Integer, TaskState> tasks = new HashMap<>();
    private final Map<WindowKey, List<Long>> droppedTraces = new HashMap<>();
    private long sequence;

    SessionWindowModel(WindowSpec.Session window, Duration grace, Predicate<WindowKey> traced) {
        this.gapMs = window.inactivityGap().toMillis();
        this.graceMs = grace.toMillis();
        this.traced = Objects.requireNonNull(traced, "traced");
    }

    @Override
    public int accept(int task, long timestampMs, String key, Event event) {
        TaskState state = tasks.computeIfAbsent(task, ignored -> new TaskState());
        state.streamTimeMs = Math.max(state.streamTimeMs, timestampMs);
        long closeTimeMs = state.streamTimeMs - graceMs - gapMs;
        long listedFromMs = Math.max(timestampMs - gapMs, state.storeStreamTimeMs - (gapMs + graceMs) + 1);
        boolean watermark = event instanceof Watermark;
        boolean expectedOnOutput = !Watermark.KEY.equals(key);

        NavigableMap<Long, Session> sessions = state.sessions.computeIfAbsent(key, ignored -> new TreeMap<>());
        List<Session> found = new ArrayList<>();
        // sessions the store no longer lists may lie inside listed ones (after a reset), so skip them, and stop
        // only where no session can reach listedFrom: none is longer than the task's longest
        for (Session s : sessions.headMap(timestampMs + gapMs, true).descendingMap().values()) {
            if (s.startMs + state.longestSessionMs < listedFromMs) {
                break;
            }
            if (s.endMs >= listedFromMs) {
                found.add(s);
            }
        }
        long startMs = timestampMs;
        long endMs = timestampMs;
        for (Session s : found) {
            startMs = Math.min(startMs, s.startMs);
            endMs = Math.max(endMs, s.endMs);
        }
        if (endMs < closeTimeMs) {
            if (watermark) {
                return 0;
            }
            WindowKey own = new WindowKey(key, timestampMs);
            if (expectedOnOutput && traced.test(own)) {
                droppedTraces.computeIfAbsent(own, ignored -> new ArrayList<>()).add(event.id());
            }
            return 1;
        }
        Session merged = new Session(startMs, endMs);
        for (Session s : found) {
            sessions.remove(s.startMs);
            merged.absorb(s);
        }
        if (!watermark) {
            merged.count++;
            merged.sum += event.aggregatedValue();
            merged.idChecksum += WindowResult.idHash(event.id());
            merged.sequenceMeasure = merged.sequenceMeasure.add(SequenceMeasure.kindOf(event), timestampMs);
            if (expectedOnOutput && (merged.ids != null || traced.test(new WindowKey(key, startMs)))) {
                if (merged.ids == null) {
                    merged.ids = new TreeMap<>();
                }
                merged.ids.put(sequence++, event.id());
            }
        }
        sessions.put(startMs, merged);
        state.storeStreamTimeMs = Math.max(state.storeStreamTimeMs, endMs);
        state.longestSessionMs = Math.max(state.longestSessionMs, endMs - startMs);
        return 0;
    }

    @Override
    public void resetStreamTime(int task) {
        TaskState state = tasks.get(task);
        if (state != null) {
            state.streamTimeMs = NO_TIMESTAMP;
        }
    }

    @Override
    public long streamTime(int task) {
        TaskState state = tasks.get(task);
        return state == null ? NO_TIMESTAMP : state.streamTimeMs;
    }

    @Override
    public Map<WindowKey, ExpectedWindow> windows() {
        Map<WindowKey, ExpectedWindow> expected = new HashMap<>();
        forEachSession((windowKey, s) -> expected.put(windowKey,
                new ExpectedWindow(s.count, s.sum, s.idChecksum, s.endMs, s.sequenceMeasure)));
        return expected;
    }

    @Override
    public Map<WindowKey, WindowTrace> traces() {
        Map<WindowKey, WindowTrace> snapshot = new HashMap<>();
        forEachSession((windowKey, s) -> {
            List<Long> dropped = droppedTraces.getOrDefault(windowKey, List.of());
            if (s.ids != null || !dropped.isEmpty()) {
                snapshot.put(windowKey, new WindowTrace(s.ids == null ? List.of() : List.copyOf(s.ids.values()), dropped));
            }
        });
        droppedTraces.forEach((windowKey, dropped) -> snapshot.putIfAbsent(windowKey, new WindowTrace(List.of(), dropped)));
        return snapshot;
    }

    private void forEachSession(BiConsumer<WindowKey, Session> action) {
        for (TaskState state : tasks.values()) {
            for (Map.Entry<String, NavigableMap<Long, Session>> byKey : state.sessions.entrySet()) {
                if (Watermark.KEY.equals(byKey.getKey())) {
                    continue;
                }
                for (Session s : byKey.getValue().values()) {
                    action.accept(new WindowKey(byKey.getKey(), s.startMs), s);
                }
            }
        }
    }

    private static final class TaskState {
        long streamTimeMs = NO_TIMESTAMP;
        long storeStreamTimeMs = NO_TIMESTAMP;
        long longestSessionMs;
        final Map<String, NavigableMap<Long, Session>> sessions = new HashMap<>();
    }

    private static final class Session {
        final long startMs;
        final long endMs;
        long count;
        long sum;
        long idChecksum;
        SequenceMeasure sequenceMeasure = SequenceMeasure.NONE;
        /** ids by input sequence, only for traced sessions */
        NavigableMap<Long, Long> ids;

        Session(long startMs, long endMs) {
            this.startMs = startMs;
            this.endMs = endMs;
        }

        void absorb(Session other) {
            count += other.count;
            sum += other.sum;
            idChecksum += other.idChecksum;
            sequenceMeasure = sequenceMeasure.merge(other.sequenceMeasure);
            if (other.ids != null) {
                if (ids == null) {
                    ids = new TreeMap<>();
                }
                ids.putAll(other.ids);
            }
        }
    }
}

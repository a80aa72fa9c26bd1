package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.scenario.GroupByStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A salted groupBy's two stages ({@link GroupByStep#salted()}), over an aligned window model. Stage 1 is the
 * wrapped model itself, fed per task of the salted repartition topic with the sub-keys ({@code seller-00042#5})
 * that Kafka aggregates: stream time, late drops and each sub-key's window are Kafka's stage-1 rule. Stage 2
 * drops nothing (it is a plain aggregation of partials, each emitted once when its window closed), so its final
 * result per original key and window is the sum of the sub-keys' partials: counts, sums and checksums add, the
 * sequence measures merge. Tumbling 10s, salt 2, {@code s#0} aggregated 3 events of [0s;10s) and {@code s#1}
 * 2: the result for {@code s}, [0s;10s) is 5 events; a sub-key whose events were all late adds no window.
 */
final class SaltedWindowModel implements WindowModel {

    private final WindowModel stageOne;

    private SaltedWindowModel(WindowModel stageOne) {
        this.stageOne = stageOne;
    }

    /** Stage 1 is {@code stageOne}, built with {@link #subKeyTraced(Predicate)} of the original keys' predicate. */
    static WindowModel over(WindowModel stageOne) {
        return new SaltedWindowModel(Objects.requireNonNull(stageOne, "stageOne"));
    }

    /** A sub-key's window is traced when its original key's is. */
    static Predicate<WindowKey> subKeyTraced(Predicate<WindowKey> traced) {
        return w -> traced.test(unsalted(w));
    }

    @Override
    public int accept(int task, long timestampMs, String key, Event event) {
        return stageOne.accept(task, timestampMs, key, event);
    }

    @Override
    public void resetStreamTime(int task) {
        stageOne.resetStreamTime(task);
    }

    @Override
    public long streamTime(int task) {
        return stageOne.streamTime(task);
    }

    @Override
    public Map<WindowKey, ExpectedWindow> windows() {
        Map<WindowKey, ExpectedWindow> combined = new HashMap<>();
        stageOne.windows().forEach((subKeyWindow, partial) -> combined.merge(unsalted(subKeyWindow), partial,
                (a, b) -> new ExpectedWindow(a.count() + b.count(), a.sum() + b.sum(),
                        a.idChecksum() + b.idChecksum(), a.endMs(), a.sequence().merge(b.sequence()))));
        return combined;
    }

    @Override
    public Map<WindowKey, WindowTrace> traces() {
        Map<WindowKey, WindowTrace> combined = new HashMap<>();
        stageOne.traces().forEach((subKeyWindow, trace) -> combined.merge(unsalted(subKeyWindow), trace,
                (a, b) -> new WindowTrace(concat(a.aggregatedIds(), b.aggregatedIds()),
                        concat(a.droppedIds(), b.droppedIds()))));
        return combined;
    }

    private static WindowKey unsalted(WindowKey subKeyWindow) {
        return new WindowKey(GroupByStep.unsalted(subKeyWindow.key()), subKeyWindow.windowStartMs());
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Sliding windows: not modelled yet (being built). */
final class SlidingWindowModel implements WindowModel {

    SlidingWindowModel(WindowSpec.Sliding window, Duration grace, Predicate<WindowKey> traced) {
        throw new UnsupportedOperationException("sliding windows are not modelled by the oracle yet");
    }

    @Override
    public int accept(int task, long timestampMs, String key, Event event) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resetStreamTime(int task) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long streamTime(int task) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<WindowKey, ExpectedWindow> windows() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<WindowKey, WindowTrace> traces() {
        throw new UnsupportedOperationException();
    }
}

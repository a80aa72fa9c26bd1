package io.streamsim.model.oracle;

import io.streamsim.model.Event;
import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Session windows: not modelled yet (being built). */
final class SessionWindowModel implements WindowModel {

    SessionWindowModel(WindowSpec.Session window, Duration grace, Predicate<WindowKey> traced) {
        throw new UnsupportedOperationException("session windows are not modelled by the oracle yet");
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

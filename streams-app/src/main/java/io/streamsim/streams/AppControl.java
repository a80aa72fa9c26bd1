package io.streamsim.streams;

import java.time.Duration;

/** What {@link MetricsServer}'s {@code /control/} endpoints act on: one running app instance. */
public interface AppControl {

    AppStatus status();

    /** {@link #status()}, with what the reference table's store holds when {@code tableHeld} and there is one. */
    default AppStatus status(boolean tableHeld) {
        return status();
    }

    /** See {@link ProcessingThrottle#slowDown(Duration, Duration)}. */
    void slowDown(Duration perRecord, Duration lasting);
}

package io.streamsim.streams;

import java.time.Duration;

/** What {@link MetricsServer}'s {@code /control/} endpoints act on: one running app instance. */
public interface AppControl {

    AppStatus status();

    /** See {@link ProcessingThrottle#slowDown(Duration, Duration)}. */
    void slowDown(Duration perRecord, Duration lasting);
}

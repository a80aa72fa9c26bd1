package io.streamsim.streams;

import java.time.Clock;
import java.util.Objects;

/**
 * What a step builder needs besides the stream it extends.
 *
 * @param clock    the wall clock result latency is measured with
 * @param throttle consulted once per input record, before it is looked at: the slow-consumer switch
 */
record StepContext(AppMeters meters, Clock clock, ProcessingThrottle throttle) {

    StepContext {
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(throttle, "throttle");
    }
}

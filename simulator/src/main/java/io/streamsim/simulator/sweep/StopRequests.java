package io.streamsim.simulator.sweep;

/**
 * What Ctrl-C has asked of a sweep so far. The first press lets the current run finish and starts no other; the
 * second stops the current run now (its folder holds what was measured, as {@code streamsim run} does on Ctrl-C). A
 * stop from a shutdown (SIGTERM, or the JVM exiting) is the second kind at once. Thread-safe.
 */
public final class StopRequests {

    /** How far the stop has gone. */
    public enum Stage {
        /** Nothing asked: run every planned run. */
        NONE,
        /** Finish the current run, start no other. */
        AFTER_CURRENT,
        /** Stop the current run now, start no other. */
        NOW
    }

    private Stage stage = Stage.NONE;

    /** One Ctrl-C: NONE becomes AFTER_CURRENT, AFTER_CURRENT becomes NOW; returns the new stage. */
    public synchronized Stage press() {
        stage = stage == Stage.NONE ? Stage.AFTER_CURRENT : Stage.NOW;
        return stage;
    }

    /** Stop now, whatever was asked before. */
    public synchronized void now() {
        stage = Stage.NOW;
    }

    public synchronized Stage stage() {
        return stage;
    }

    /** Whether another run may start. */
    public synchronized boolean mayStartNext() {
        return stage == Stage.NONE;
    }

    /** Whether the current run must stop before its end. */
    public synchronized boolean stopCurrent() {
        return stage == Stage.NOW;
    }
}

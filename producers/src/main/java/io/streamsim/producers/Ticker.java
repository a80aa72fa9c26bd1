package io.streamsim.producers;

/** A monotonic nanosecond clock that can wait, injected so that pacing is testable without real time. */
public interface Ticker {

    /** Monotonic nanoseconds, comparable only with other readings of the same ticker. */
    long nanoTime();

    /**
     * Returns at or after {@code deadlineNanos} (at once when it has passed).
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void parkUntil(long deadlineNanos) throws InterruptedException;

    /**
     * {@link System#nanoTime()}, waiting with {@link java.util.concurrent.locks.LockSupport#parkNanos(long)} and
     * spinning only for the last 50 µs, where parking tends to wake late.
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}

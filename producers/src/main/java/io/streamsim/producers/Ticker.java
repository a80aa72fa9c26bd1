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
     * {@link System#nanoTime()}, waiting with {@link java.util.concurrent.locks.LockSupport#parkNanos(long)} only
     * (it wakes up to ~0.1 ms late; see SystemTicker for why that is the better trade).
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}

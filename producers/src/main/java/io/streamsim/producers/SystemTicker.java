package io.streamsim.producers;

import java.util.concurrent.locks.LockSupport;

/**
 * The real clock; waits by parking, never by spinning.
 *
 * <p>Why not spin the tail: parkNanos wakes some 50-80 µs late, so an earlier version spun for the last 50 µs before
 * each due time. From 20,000 events/s on every gap is shorter than that, and the producer thread spun a whole
 * core away (measured: producer thread + its network thread 23% of two cores at 10,000/s, most of it spinning),
 * CPU that the broker and the app needed. Waking late costs nothing measured: the events that fell due in the
 * meantime go out together at once (no coordinated omission), and latency is measured from each event's due time,
 * so a late wake-up shows as schedule lag, never hides.
 */
final class SystemTicker implements Ticker {

    static final SystemTicker INSTANCE = new SystemTicker();

    private SystemTicker() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void parkUntil(long deadlineNanos) throws InterruptedException {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a due time");
            }
            LockSupport.parkNanos(remaining);
        }
    }
}

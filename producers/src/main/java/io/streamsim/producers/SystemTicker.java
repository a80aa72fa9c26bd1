package io.streamsim.producers;

import java.util.concurrent.locks.LockSupport;

/** The real clock; parks most of the wait and spins the tail, because parkNanos wakes late by tens of µs. */
final class SystemTicker implements Ticker {

    static final long SPIN_NANOS = 50_000;

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
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}

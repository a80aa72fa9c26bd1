package io.streamsim.producers;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that only moves when told to, or when someone parks: parking jumps straight to the deadline. */
final class FakeTicker implements Ticker {

    private final AtomicLong now;
    private final AtomicInteger parks = new AtomicInteger();

    FakeTicker(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    FakeTicker() {
        this(1_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void parkUntil(long deadlineNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        parks.incrementAndGet();
        // Several threads may share this ticker: time only moves forward.
        now.accumulateAndGet(deadlineNanos, Math::max);
    }

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    int parks() {
        return parks.get();
    }
}

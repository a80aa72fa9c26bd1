package io.streamsim.producers;

import io.streamsim.model.scenario.RateTimeline;
import java.time.Duration;
import java.util.Objects;

/**
 * Releases event {@code i} at {@code start + timeline.dueOffsetNanos(i)}. Behind schedule it releases at once and
 * never skips: the backlog is sent as fast as the producer can, and lag is measured from the due time, not from
 * the send time, so a stalled producer shows up as latency (no coordinated omission).
 *
 * <p>One pacer is shared by all producer threads: after {@link #start()} it is read-only.
 */
public final class Pacer {

    private final RateTimeline timeline;
    private final Ticker ticker;
    private volatile long startNanos;
    private volatile boolean started;

    public Pacer(RateTimeline timeline, Ticker ticker) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Makes now the start of the timeline: event 0 is due at once. */
    public void start() {
        if (started) {
            throw new IllegalStateException("pacer already started");
        }
        startNanos = ticker.nanoTime();
        started = true;
    }

    public boolean isStarted() {
        return started;
    }

    /** The ticker reading at {@link #start()}. */
    public long startNanos() {
        requireStarted();
        return startNanos;
    }

    /** The ticker reading at which event {@code index} is due. */
    public long dueNanos(long index) {
        return startNanos() + timeline.dueOffsetNanos(index);
    }

    /**
     * Waits until event {@code index} is due; returns at once when it already is.
     *
     * @return how far behind its due time the event is released, in nanoseconds: 0 when it had to wait
     * @throws InterruptedException when interrupted while waiting
     */
    public long awaitDue(long index) throws InterruptedException {
        return awaitOffset(timeline.dueOffsetNanos(index));
    }

    /** {@link #awaitDue(long)} for a due offset the caller already has (the generator computes it). */
    long awaitOffset(long dueOffsetNanos) throws InterruptedException {
        long due = startNanos() + dueOffsetNanos;
        long behind = ticker.nanoTime() - due;
        if (behind >= 0) {
            return behind;
        }
        ticker.parkUntil(due);
        return 0;
    }

    /** Now minus the due time of event {@code index}: positive when behind, negative while it is not yet due. */
    public long lagNanos(long index) {
        return ticker.nanoTime() - dueNanos(index);
    }

    /**
     * Events due at or before now per the timeline (capped at the total); 0 before {@link #start()}. An event
     * released on time therefore never makes the sent count overtake this one.
     */
    public long eventsDue() {
        if (!started) {
            return 0;
        }
        long elapsed = ticker.nanoTime() - startNanos;
        return elapsed < 0 ? 0 : timeline.eventsDueBy(Duration.ofNanos(elapsed + 1));
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("pacer not started");
        }
    }
}

package io.streamsim.producers;

import io.streamsim.model.scenario.RateTimeline;
import java.time.Duration;
import java.util.Objects;

/**
 * Releases event {@code i} at {@code start + timeline.dueOffsetNanos(i)}. Behind schedule it releases at once and
 * never skips: the backlog is sent as fast as the producer can, and lag is measured from the due time, not from
 * the send time, so a stalled producer shows up as latency (no coordinated omission).
 *
 * <p>{@link #stepRate(double)} (a live control) multiplies the rate from now on: the rest of the timeline is
 * played faster or slower. The timeline's offsets then run on a virtual clock that advances {@code factor}
 * times as fast as the ticker; {@link #realOffsetNanos(long)} maps a timeline offset to the ticker time it is
 * due at. Without a step the two clocks are one.
 *
 * <p>One pacer is shared by all producer threads: after {@link #start()} only {@link #stepRate} changes it.
 */
public final class Pacer {

    private final RateTimeline timeline;
    private final Ticker ticker;
    private volatile long startNanos;
    private volatile boolean started;

    /** From timeline offset {@code virtualFrom} on (reached at ticker offset {@code realFrom}), run at {@code factor}. */
    private record Speed(long virtualFrom, long realFrom, double factor) {
    }

    /** Ascending by virtualFrom; replaced, never changed, so readers need no lock. */
    private volatile Speed[] speeds = {new Speed(0, 0, 1.0)};

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
        return startNanos() + realOffsetNanos(timeline.dueOffsetNanos(index));
    }

    /**
     * Multiplies the current rate by {@code factor} from now on (10 for a 10x step, 0.1 to step back).
     *
     * @throws IllegalArgumentException unless {@code factor} is positive and finite
     */
    public synchronized void stepRate(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be > 0, was " + factor);
        }
        long realNow = ticker.nanoTime() - startNanos();
        Speed[] current = speeds;
        Speed last = current[current.length - 1];
        long virtualNow = Math.max(last.virtualFrom(), virtualOffsetNanos(realNow));
        Speed[] next = java.util.Arrays.copyOf(current, current.length + 1);
        next[current.length] = new Speed(virtualNow, Math.max(last.realFrom(), realNow), last.factor() * factor);
        speeds = next;
    }

    /** The current rate multiplier: 1 until {@link #stepRate} is called. */
    public double rateFactor() {
        Speed[] s = speeds;
        return s[s.length - 1].factor();
    }

    /** The ticker offset from the start at which timeline offset {@code virtualOffset} is due. */
    public long realOffsetNanos(long virtualOffset) {
        Speed[] s = speeds;
        Speed speed = s[0];
        for (int i = s.length - 1; i >= 0; i--) {
            if (s[i].virtualFrom() <= virtualOffset) {
                speed = s[i];
                break;
            }
        }
        if (speed.factor() == 1.0 && speed.realFrom() == speed.virtualFrom()) {
            return virtualOffset;
        }
        return speed.realFrom() + (long) ((virtualOffset - speed.virtualFrom()) / speed.factor());
    }

    /** The timeline offset reached at ticker offset {@code realOffset} from the start. */
    long virtualOffsetNanos(long realOffset) {
        Speed[] s = speeds;
        Speed speed = s[0];
        for (int i = s.length - 1; i >= 0; i--) {
            if (s[i].realFrom() <= realOffset) {
                speed = s[i];
                break;
            }
        }
        return speed.virtualFrom() + (long) ((realOffset - speed.realFrom()) * speed.factor());
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
        long due = startNanos() + realOffsetNanos(dueOffsetNanos);
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
        return elapsed < 0 ? 0 : timeline.eventsDueBy(Duration.ofNanos(virtualOffsetNanos(elapsed) + 1));
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("pacer not started");
        }
    }
}

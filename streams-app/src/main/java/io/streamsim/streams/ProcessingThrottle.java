package io.streamsim.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A switchable slow consumer: while a slow-down is on, every record the aggregation sees first waits
 * {@code perRecord} on its stream thread. The wait never runs past the slow-down's end, so a slow-down of
 * {@code lasting} holds a thread back by at most {@code lasting} in all: with perRecord 2ms for 10s, a thread
 * handles at most ~5000 records in those 10s, then runs at full speed again.
 *
 * <p>Kafka Streams polls between records often enough on its own ({@code max.poll.interval.ms} / 2), so even a
 * long slow-down does not make the instance drop out of its group. Safe to switch from any thread.
 */
public final class ProcessingThrottle {

    /** The longest wait per record: longer ones would be a stall, not a slow consumer. */
    public static final Duration MAX_PER_RECORD = Duration.ofSeconds(1);

    /** The longest slow-down: a demo's slow consumer, not an instance left crippled for the rest of a long run. */
    public static final Duration MAX_LASTING = Duration.ofMinutes(10);

    /** How a stream thread waits; injected so tests need no real time. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private record SlowDown(long perRecordNanos, long untilNanos) {
    }

    private static final SlowDown OFF = new SlowDown(0, Long.MIN_VALUE);

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private volatile SlowDown slowDown = OFF;

    public ProcessingThrottle(LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** On {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
    public static ProcessingThrottle system() {
        return new ProcessingThrottle(System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /**
     * Slows every record by {@code perRecord} from now for {@code lasting}, replacing any slow-down in force;
     * a zero {@code perRecord} or {@code lasting} ends it.
     *
     * @throws IllegalArgumentException when either is negative, {@code perRecord} exceeds {@link #MAX_PER_RECORD}
     *                                  or {@code lasting} exceeds {@link #MAX_LASTING}
     */
    public void slowDown(Duration perRecord, Duration lasting) {
        Objects.requireNonNull(perRecord, "perRecord");
        Objects.requireNonNull(lasting, "lasting");
        if (perRecord.isNegative() || perRecord.compareTo(MAX_PER_RECORD) > 0) {
            throw new IllegalArgumentException("perRecord must be in [0, " + MAX_PER_RECORD.toMillis() + "ms], was "
                    + perRecord.toMillis() + "ms");
        }
        if (lasting.isNegative() || lasting.compareTo(MAX_LASTING) > 0) {
            throw new IllegalArgumentException("lasting must be in [0, " + MAX_LASTING.toMinutes() + "min], was "
                    + lasting);
        }
        if (perRecord.isZero() || lasting.isZero()) {
            slowDown = OFF;
            return;
        }
        long now = nanoTime.getAsLong();
        slowDown = new SlowDown(perRecord.toNanos(), now + lasting.toNanos());
    }

    public void stop() {
        slowDown = OFF;
    }

    /** Time left in the current slow-down; zero when none is on. */
    public Duration remaining() {
        SlowDown s = slowDown;
        if (s == OFF) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, s.untilNanos - nanoTime.getAsLong()));
    }

    /** The wait per record of the slow-down in force; zero when none is. */
    public Duration perRecord() {
        return remaining().isZero() ? Duration.ZERO : Duration.ofNanos(slowDown.perRecordNanos);
    }

    /** Called once per record on the stream thread: waits while a slow-down is on. */
    void beforeRecord() {
        SlowDown s = slowDown;
        if (s == OFF) {
            return;
        }
        long left = s.untilNanos - nanoTime.getAsLong();
        if (left <= 0) {
            return;
        }
        try {
            sleeper.sleepNanos(Math.min(s.perRecordNanos, left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

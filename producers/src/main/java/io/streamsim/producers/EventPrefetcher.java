package io.streamsim.producers;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Generates and encodes one producer thread's slice of the stream (indices {@code first, first + stride, ...})
 * on a thread of its own, a bounded distance ahead of the sender, so the sending thread only paces and sends.
 *
 * <p>Why: unthrottled, one sending thread that also generated spent about 40% of its time in generation and JSON
 * encoding (JFR, `streamsim bench producer`) and was the bottleneck, with a core not fully used. Generation
 * depends only on the index ({@link EventGenerator}), so doing it ahead changes no byte of the stream; the
 * event time after a rate step is the one thing that depends on when an event is sent, and
 * {@link EncodedEvent#at} re-encodes the few events prepared before a step.
 *
 * <p>Events travel in chunks of {@value #CHUNK} through a queue of {@value #CHUNKS_AHEAD}: the hand-over costs a
 * lock per chunk, not per event, and at most {@code CHUNK * (CHUNKS_AHEAD + 2)} events are held.
 *
 * <p>One sender per prefetcher: {@link #next()} is not thread-safe.
 */
final class EventPrefetcher implements AutoCloseable {

    static final int CHUNK = 256;
    static final int CHUNKS_AHEAD = 8;
    private static final long POLL_MILLIS = 50;

    private final LongFunction<EncodedEvent> prepare;
    private final long first;
    private final long stride;
    private final long total;
    private final BooleanSupplier stopped;
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread thread;
    private volatile boolean closed;

    private EncodedEvent[] current;
    private int position;

    /** A failure of the prefetching thread, handed to the sender in place of a chunk. */
    private record Failure(Throwable cause) {
    }

    /** Event {@code index} as the generator makes it, encoded for its due time as the pacer maps it now. */
    static LongFunction<EncodedEvent> preparing(EventGenerator generator, Pacer pacer) {
        return index -> {
            GeneratedEvent g = generator.event(index);
            return EncodedEvent.of(g, pacer.realOffsetNanos(g.dueOffsetNanos()), generator.clock());
        };
    }

    /**
     * @param prepare what event {@code index} is, e.g. {@link #preparing}
     * @param total   indices run below it
     * @param stopped read between chunks: when true the thread stops preparing more
     */
    EventPrefetcher(LongFunction<EncodedEvent> prepare, long total, long first, long stride, String threadName,
                    BooleanSupplier stopped) {
        this.prepare = Objects.requireNonNull(prepare, "prepare");
        if (first < 0 || stride < 1) {
            throw new IllegalArgumentException("first must be >= 0 and stride >= 1, were " + first + ", " + stride);
        }
        this.first = first;
        this.stride = stride;
        this.total = total;
        this.stopped = Objects.requireNonNull(stopped, "stopped");
        this.thread = new Thread(this::prepareAll, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * The next event of the slice, in index order, encoded for its due time as the pacer mapped it when it was
     * prepared (see {@link EncodedEvent#at}); waits for the prefetching thread when it is behind.
     *
     * @throws InterruptedException  when interrupted while waiting, or when {@code stopped} turned true meanwhile
     * @throws RuntimeException      what failed the prefetching thread (an {@link Error} as it was, a checked
     *                               throwable wrapped), or an {@link IllegalStateException} when that thread
     *                               ended without saying why
     */
    EncodedEvent next() throws InterruptedException {
        if (current == null || position == current.length) {
            current = take();
            position = 0;
        }
        EncodedEvent e = current[position];
        current[position++] = null;
        return e;
    }

    private EncodedEvent[] take() throws InterruptedException {
        while (true) {
            Object chunk = chunks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (chunk instanceof EncodedEvent[]) {
                return (EncodedEvent[]) chunk;
            }
            if (chunk instanceof Failure) {
                Throwable cause = ((Failure) chunk).cause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException("generating events failed", cause);
            }
            if (stopped.getAsBoolean() || closed) {
                throw new InterruptedException("stopped while waiting for the next event");
            }
            if (!thread.isAlive() && chunks.isEmpty()) {
                // It hands over a chunk or a failure before it ends, unless even that failed: never wait forever.
                throw new IllegalStateException("the thread generating events (" + thread.getName()
                        + ") ended before its last event");
            }
        }
    }

    private void prepareAll() {
        try {
            long index = first;
            while (index < total && !closed && !stopped.getAsBoolean()) {
                int n = (int) Math.min(CHUNK, (total - index + stride - 1) / stride);
                EncodedEvent[] chunk = new EncodedEvent[n];
                int k = 0;
                try {
                    for (; k < n; k++, index += stride) {
                        chunk[k] = prepare.apply(index);
                    }
                } catch (Throwable e) {
                    // The events made before it still go out; then the failure, Errors too (an OutOfMemoryError,
                    // a class that fails to initialise): the sender must hear of it rather than wait.
                    if (k == 0 || hand(Arrays.copyOf(chunk, k))) {
                        hand(new Failure(e));
                    }
                    return;
                }
                if (!hand(chunk)) {
                    return;
                }
            }
        } catch (Throwable e) {
            hand(new Failure(e));
        }
    }

    /** Queues {@code item}, waiting for room; false when stopped or closed meanwhile. */
    private boolean hand(Object item) {
        try {
            while (!chunks.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed || stopped.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Ends the prefetching thread (within {@value #POLL_MILLIS} ms) and drops what it prepared. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        chunks.clear();
    }

    /** For tests: the prefetching thread has ended. */
    boolean isDone() {
        return !thread.isAlive();
    }
}

package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamsim.model.EventCodec;
import io.streamsim.model.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class EventPrefetcherTest {

    private static final Instant ORIGIN = Instant.parse("2024-03-01T12:00:00Z");
    /** Generous: a loaded machine may take long to get a thread to its wait; a passing test never waits it out. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static Scenario scenario() {
        return Scenarios.clicks(11, "[{for: 3s, eventsPerSecond: 1000}]",
                "disorder: {lateFraction: 0.2, delay: {uniform: {min: 10ms, max: 2s}}}\n");
    }

    private static EventPrefetcher prefetcher(EventGenerator generator, long first, long stride,
                                              java.util.function.BooleanSupplier stopped) {
        return prefetcher(generator, first, stride, "test-prefetch", stopped);
    }

    private static EventPrefetcher prefetcher(EventGenerator generator, long first, long stride, String threadName,
                                              java.util.function.BooleanSupplier stopped) {
        Pacer pacer = new Pacer(generator.timeline(), new FakeTicker());
        return new EventPrefetcher(EventPrefetcher.preparing(generator, pacer), generator.totalEvents(), first, stride,
                threadName, stopped);
    }

    @Test
    void next_givesTheSliceInIndexOrder_encodedAsTheGeneratorMakesIt() throws InterruptedException {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        try (EventPrefetcher ahead = prefetcher(generator, 1, 3, () -> false)) {
            ahead.start();
            for (long i = 1; i < generator.totalEvents(); i += 3) {
                EncodedEvent e = ahead.next();
                GeneratedEvent g = generator.event(i);
                assertThat(e.id()).isEqualTo(i);
                assertThat(e.generated()).isEqualTo(g);
                assertThat(e.realOffsetNanos()).isEqualTo(g.dueOffsetNanos());
                assertThat(e.value()).isEqualTo(EventCodec.encode(g.event()));
                assertThat(e.eventMillis()).isEqualTo(g.event().eventTime().toEpochMilli());
            }
        }
    }

    @Test
    void at_anotherOffset_reencodesWithTheEventTimeShiftedBySameAmount() {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        GeneratedEvent g = generator.event(2_000);
        EncodedEvent e = EncodedEvent.of(g, g.dueOffsetNanos());
        assertThat(e.at(g.dueOffsetNanos())).isSameAs(e);

        EncodedEvent earlier = e.at(g.dueOffsetNanos() - 1_500_000_000L);
        assertThat(earlier.eventMillis()).isEqualTo(e.eventMillis() - 1_500);
        assertThat(EventCodec.decode(earlier.value()).eventTime().toEpochMilli()).isEqualTo(earlier.eventMillis());
        assertThat(earlier.key()).isEqualTo(e.key());
    }

    @Test
    void stopped_whileTheSenderWaitsForAnEventThatWillNotCome_endsTheWait() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        // Preparing the slice's second event stalls until released: the first chunk never comes, so the sender
        // waits on an empty queue.
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        LongFunction<EncodedEvent> stalling = index -> {
            if (index == 1) {
                awaitIgnoringInterrupts(release);
            }
            GeneratedEvent g = generator.event(index);
            return EncodedEvent.of(g, g.dueOffsetNanos());
        };
        try (EventPrefetcher ahead = new EventPrefetcher(stalling, 3, 0, 1, "test-prefetch-stalled", stopped::get)) {
            ahead.start();
            CompletableFuture<Throwable> nextFailed = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    ahead.next();
                    nextFailed.complete(null);
                } catch (Throwable e) {
                    nextFailed.complete(e);
                }
            }, "test-sender");
            sender.start();

            await().atMost(DEADLINE).until(() -> waitingIn(sender, "take"));
            assertThat(nextFailed).as("no event can come while the second one stalls").isNotDone();
            stopped.set(true);

            assertThat(nextFailed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(InterruptedException.class);
            release.countDown();
            awaitEnded(ahead);
        }
    }

    @Test
    void stopped_whileTheThreadWaitsForRoomInAFullQueue_endsTheThread() throws Exception {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        AtomicBoolean stopped = new AtomicBoolean();
        String name = "test-prefetch-full-then-stopped";
        EventPrefetcher ahead = prefetcher(generator, 0, 1, name, stopped::get);
        ahead.start();
        ahead.next();
        // 3,000 events, room for 2,048 ahead plus the chunk taken: the thread must wait to hand over the next.
        await().atMost(DEADLINE).until(() -> waitingIn(thread(name), "hand"));
        assertThat(ahead.isDone()).as("blocked on a full queue").isFalse();

        stopped.set(true);

        awaitEnded(ahead);
        ahead.close();
    }

    @Test
    void close_withTheQueueFull_endsTheThread() throws Exception {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        String name = "test-prefetch-full-then-closed";
        EventPrefetcher ahead = prefetcher(generator, 0, 1, name, () -> false);
        ahead.start();
        ahead.next();
        await().atMost(DEADLINE).until(() -> waitingIn(thread(name), "hand"));
        assertThat(ahead.isDone()).as("blocked on a full queue").isFalse();

        ahead.close();

        awaitEnded(ahead);
    }

    @Test
    void aFailureWhileGenerating_reachesTheSenderAfterEveryEventBeforeIt() throws Exception {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        LongFunction<EncodedEvent> failing = index -> {
            if (index == 300) {
                throw new IllegalArgumentException("bad event 300");
            }
            GeneratedEvent g = generator.event(index);
            return EncodedEvent.of(g, g.dueOffsetNanos());
        };
        try (EventPrefetcher ahead = new EventPrefetcher(failing, 1_000, 0, 1, "test-prefetch", () -> false)) {
            ahead.start();
            for (long i = 0; i < 300; i++) {
                assertThat(ahead.next().id()).isEqualTo(i);
            }
            assertThatThrownBy(ahead::next).isInstanceOf(IllegalArgumentException.class).hasMessage("bad event 300");
        }
    }

    @Test
    void anErrorWhileGenerating_reachesTheSenderToo_ratherThanAWaitForever() throws Exception {
        LongFunction<EncodedEvent> failing = index -> {
            throw new StackOverflowError("deep");
        };
        try (EventPrefetcher ahead = new EventPrefetcher(failing, 1_000, 0, 1, "test-prefetch", () -> false)) {
            ahead.start();
            assertThatThrownBy(ahead::next).isInstanceOf(StackOverflowError.class).hasMessage("deep");
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The live thread called {@code name}: a prefetcher's, under a name no other test gives one. */
    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no live thread named " + name));
    }

    /** {@code t} is parked in a wait inside {@code EventPrefetcher.method}, not merely running through it. */
    private static boolean waitingIn(Thread t, String method) {
        Thread.State state = t.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().equals(EventPrefetcher.class.getName())
                && f.getMethodName().equals(method));
    }

    private static void awaitEnded(EventPrefetcher ahead) {
        await().atMost(DEADLINE).until(ahead::isDone);
    }
}

package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.EventCodec;
import io.streamsim.model.scenario.Scenario;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class EventPrefetcherTest {

    private static final Instant ORIGIN = Instant.parse("2024-03-01T12:00:00Z");

    private static Scenario scenario() {
        return Scenarios.clicks(11, "[{for: 3s, eventsPerSecond: 1000}]",
                "disorder: {lateFraction: 0.2, delay: {uniform: {min: 10ms, max: 2s}}}\n");
    }

    private static EventPrefetcher prefetcher(EventGenerator generator, long first, long stride,
                                              java.util.function.BooleanSupplier stopped) {
        Pacer pacer = new Pacer(generator.timeline(), new FakeTicker());
        return new EventPrefetcher(EventPrefetcher.preparing(generator, pacer), generator.totalEvents(), first, stride,
                "test-prefetch", stopped);
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
        AtomicBoolean release = new AtomicBoolean();
        // Preparing the slice's second event stalls until released: the sender waits on an empty queue.
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        LongFunction<EncodedEvent> stalling = index -> {
            while (index == 1 && !release.get()) {
                Thread.onSpinWait();
            }
            GeneratedEvent g = generator.event(index);
            return EncodedEvent.of(g, g.dueOffsetNanos());
        };
        try (EventPrefetcher ahead = new EventPrefetcher(stalling, 3, 0, 1, "test-prefetch", stopped::get)) {
            ahead.start();
            Thread stopper = new Thread(() -> {
                sleep(200);
                stopped.set(true);
            });
            stopper.start();
            assertThatThrownBy(ahead::next).isInstanceOf(InterruptedException.class);
            stopper.join();
            release.set(true);
            awaitEnded(ahead);
        }
    }

    @Test
    void stopped_whileTheThreadWaitsForRoomInAFullQueue_endsTheThread() throws Exception {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        AtomicBoolean stopped = new AtomicBoolean();
        EventPrefetcher ahead = prefetcher(generator, 0, 1, stopped::get);
        ahead.start();
        ahead.next();
        Thread.sleep(200);
        assertThat(ahead.isDone()).as("blocked on a full queue: 3,000 events, room for 2,048 ahead").isFalse();
        stopped.set(true);
        awaitEnded(ahead);
        ahead.close();
    }

    @Test
    void close_withTheQueueFull_endsTheThread() throws Exception {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        EventPrefetcher ahead = prefetcher(generator, 0, 1, () -> false);
        ahead.start();
        ahead.next();
        Thread.sleep(200);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEnded(EventPrefetcher ahead) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!ahead.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ahead.isDone()).isTrue();
    }
}

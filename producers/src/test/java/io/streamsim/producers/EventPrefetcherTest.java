package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsim.model.EventCodec;
import io.streamsim.model.scenario.Scenario;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventPrefetcherTest {

    private static final Instant ORIGIN = Instant.parse("2024-03-01T12:00:00Z");

    private static Scenario scenario() {
        return Scenarios.clicks(11, "[{for: 3s, eventsPerSecond: 1000}]",
                "disorder: {lateFraction: 0.2, delay: {uniform: {min: 10ms, max: 2s}}}\n");
    }

    @Test
    void next_givesTheSliceInIndexOrder_encodedAsTheGeneratorMakesIt() throws InterruptedException {
        Scenario s = scenario();
        EventGenerator generator = new EventGenerator(s, ORIGIN);
        Pacer pacer = new Pacer(generator.timeline(), new FakeTicker());
        try (EventPrefetcher ahead = new EventPrefetcher(generator, pacer, 1, 3, "test-prefetch", () -> false)) {
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
    void stopped_whileTheSenderWaits_endsItsWaitAndTheThread() throws Exception {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        Pacer pacer = new Pacer(generator.timeline(), new FakeTicker());
        AtomicBoolean stopped = new AtomicBoolean();
        EventPrefetcher ahead = new EventPrefetcher(generator, pacer, 0, 1, "test-prefetch", stopped::get);
        ahead.start();
        // Take all there is (3,000 events), then one more wait that only the stop ends.
        for (int i = 0; i < 3_000; i++) {
            ahead.next();
        }
        stopped.set(true);
        assertThatThrownBy(ahead::next).isInstanceOf(InterruptedException.class);
        awaitEnded(ahead);
    }

    @Test
    void close_withTheQueueFull_endsTheThread() throws Exception {
        EventGenerator generator = new EventGenerator(scenario(), ORIGIN);
        Pacer pacer = new Pacer(generator.timeline(), new FakeTicker());
        EventPrefetcher ahead = new EventPrefetcher(generator, pacer, 0, 1, "test-prefetch", () -> false);
        ahead.start();
        ahead.next();
        Thread.sleep(200);
        assertThat(ahead.isDone()).as("blocked on a full queue").isFalse();
        ahead.close();
        awaitEnded(ahead);
    }

    private static void awaitEnded(EventPrefetcher ahead) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!ahead.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ahead.isDone()).isTrue();
    }
}

package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.scenario.Scenario;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class EventTimeNowTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-05T12:00:00.000500Z");

    @Test
    void eventTimeAt_dueOffsetOfAnOnTimeEvent_isThatEventsTime() {
        Scenario s = Scenarios.clicks(9, "[{for: 2s, eventsPerSecond: 1000}]", "");
        EventGenerator g = new EventGenerator(s, ORIGIN);

        for (long i = 0; i < g.totalEvents(); i += 97) {
            GeneratedEvent e = g.event(i);
            assertThat(g.eventTimeAt(e.dueOffsetNanos())).isEqualTo(e.event().eventTime());
        }
    }

    @Test
    void eventTimeNow_beforeStart_isTheOrigin() {
        Scenario s = Scenarios.clicks(9, "[{for: 2s, eventsPerSecond: 1000}]", "");
        try (LoadGenerator g = new LoadGenerator(s, "t", Map.of("bootstrap.servers", "x:1"), ORIGIN, new FakeTicker(),
                new SimpleMeterRegistry(), c -> new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()))) {
            assertThat(g.eventTimeNow()).isEqualTo(Instant.parse("2026-01-05T12:00:00Z"));
        }
    }
}

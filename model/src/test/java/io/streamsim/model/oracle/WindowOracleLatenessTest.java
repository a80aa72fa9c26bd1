package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.streamsim.model.EventCodec;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowOracleLatenessTest {

    private final WindowOracle oracle = new WindowOracle(new TopologySpec(
            new WindowSpec.Tumbling(Duration.ofSeconds(10)), Duration.ofSeconds(5), EmitMode.FINAL,
            ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100)));
    private final Map<Integer, Long> nextOffset = new HashMap<>();

    private void send(int partition, long timestampMs, long id) {
        OrderEvent order = new OrderEvent(id, Instant.ofEpochMilli(timestampMs), "k", "o-" + id, "c", "s", 1, 1, "EUR");
        long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
        oracle.accept(partition, offset, timestampMs, "k".getBytes(StandardCharsets.UTF_8), EventCodec.encode(order));
    }

    @Test
    void latenessHistogram_byPartitionStreamTime_bucketsEachDecodedEvent() {
        send(0, 10_000, 1);   // in order
        send(0, 9_950, 2);    // 50ms late: (0;0.1s]
        send(0, 8_500, 3);    // 1.5s late: (1s;2s]
        send(1, 1_000, 4);    // partition 1 has its own stream time: in order
        send(0, 20_000, 5);   // in order
        send(0, 0, 6);        // 20s late (and dropped): (10s;30s]
        oracle.accept(0, nextOffset.merge(0, 1L, Long::sum) - 1, 20_000, "k".getBytes(StandardCharsets.UTF_8),
                new byte[] {1, 2, 3});  // poison: not counted

        LatenessHistogram h = oracle.latenessHistogram();

        assertThat(h.upperBoundsSeconds()).isEqualTo(LatenessHistogram.DEFAULT_BOUNDS_SECONDS);
        assertThat(h.counts()).containsExactly(3L, 1L, 0L, 0L, 1L, 0L, 0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(h.events()).isEqualTo(6);
    }
}

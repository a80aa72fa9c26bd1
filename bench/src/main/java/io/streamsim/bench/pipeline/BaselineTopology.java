package io.streamsim.bench.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsim.model.scenario.EmitMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The baseline's topology: what a data engineer would write by hand for "count and sum per page per window" over
 * the same JSON click events, decoded with Jackson. Keyed by page at the source (the bench's producer sets the key),
 * so no repartition; windows by record timestamp, as streamsim's; with {@link EmitMode#FINAL} one result per window
 * once it closes ({@code suppress(untilWindowCloses)}).
 */
final class BaselineTopology {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A click as the producers encode it; every field is decoded, as streamsim's app does. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Click(String type, long id, long eventTimeMs, String page, String userId, String sessionId, String action,
                 String referrer, long dwellMillis) {
    }

    /** One window's figures, the output record. */
    record PageWindow(String page, long windowStartMs, long windowEndMs, long count, long sumDwellMillis) {
    }

    /** The aggregate: 16 bytes in the store and its changelog. */
    record CountAndSum(long count, long sum) {
        static final CountAndSum ZERO = new CountAndSum(0, 0);

        CountAndSum add(long value) {
            return new CountAndSum(count + 1, sum + value);
        }
    }

    private BaselineTopology() {
    }

    static Topology build(String inputTopic, String outputTopic, Duration window, Duration grace, EmitMode emit) {
        Serde<Click> clicks = json(Click.class);
        StreamsBuilder builder = new StreamsBuilder();
        KTable<Windowed<String>, CountAndSum> table = builder
                .stream(inputTopic, Consumed.with(Serdes.String(), clicks))
                .groupByKey(Grouped.with(Serdes.String(), clicks))
                .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
                .aggregate(() -> CountAndSum.ZERO, (page, click, agg) -> agg.add(click.dwellMillis()),
                        Materialized.<String, CountAndSum, WindowStore<Bytes, byte[]>>with(Serdes.String(),
                                countAndSumSerde()));
        if (emit == EmitMode.FINAL) {
            table = table.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()));
        }
        table.toStream()
                .map((w, agg) -> KeyValue.pair(w.key(), new PageWindow(w.key(), w.window().start(), w.window().end(),
                        agg.count(), agg.sum())))
                .to(outputTopic, Produced.with(Serdes.String(), json(PageWindow.class)));
        return builder.build();
    }

    static <T> Serde<T> json(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> {
            try {
                return value == null ? null : JSON.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            try {
                return bytes == null ? null : JSON.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static Serde<CountAndSum> countAndSumSerde() {
        Serializer<CountAndSum> serializer = (topic, v) -> v == null ? null
                : ByteBuffer.allocate(16).putLong(v.count()).putLong(v.sum()).array();
        Deserializer<CountAndSum> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new CountAndSum(b.getLong(), b.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

package io.streamsim.model;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka serdes for streamsim's wire formats. */
public final class StreamsimSerdes {

    private StreamsimSerdes() {
    }

    /** Input events in the {@link EventCodec} format. */
    public static Serde<Event> events() {
        return Serdes.serdeFrom(
                (topic, event) -> event == null ? null : EventCodec.encode(event),
                (topic, bytes) -> bytes == null ? null : EventCodec.decode(bytes));
    }

    /** Reference table rows in the {@link ReferenceCodec} format. */
    public static Serde<ReferenceRow> referenceRows() {
        return Serdes.serdeFrom(
                (topic, row) -> row == null ? null : ReferenceCodec.encode(row),
                (topic, bytes) -> bytes == null ? null : ReferenceCodec.decode(bytes));
    }

    /** Window results as JSON ({@link WindowResult#encode()}). */
    public static Serde<WindowResult> windowResults() {
        return Serdes.serdeFrom(
                (topic, result) -> result == null ? null : result.encode(),
                (topic, bytes) -> bytes == null ? null : WindowResult.decode(bytes));
    }
}

package io.streamsim.streams;

import io.streamsim.model.Event;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The first processor after the source: applies the slow-consumer throttle and keeps records without a key or a
 * value out of the steps. Kafka's aggregations would drop a null key too, before touching stream time; a null
 * value has nothing to add. Neither reaches them, so Kafka's dropped-records counts late drops only.
 */
final class Intake implements FixedKeyProcessor<String, Event, Event> {

    private final AppMeters meters;
    private final ProcessingThrottle throttle;
    private FixedKeyProcessorContext<String, Event> context;

    Intake(AppMeters meters, ProcessingThrottle throttle) {
        this.meters = meters;
        this.throttle = throttle;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Event> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Event> record) {
        throttle.beforeRecord();
        if (record.key() == null || record.value() == null) {
            meters.recordDroppedNullKeyOrValue();
            return;
        }
        context.forward(record);
    }
}

package io.streamsim.model;

import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The JSON wire format of input records, e.g.
 * {@code {"type":"click","id":7,"eventTimeMs":1700000000123,"page":"page-00042",...}}.
 * Event times travel as epoch milliseconds, the resolution of Kafka record timestamps.
 */
public final class EventCodec {

    private EventCodec() {
    }

    public static byte[] encode(Event event) {
        JsonWriter json = new JsonWriter();
        if (event instanceof ClickEvent c) {
            json.field("type", "click")
                    .field("id", c.id())
                    .field("eventTimeMs", c.eventTime().toEpochMilli())
                    .field("page", c.page())
                    .field("userId", c.userId())
                    .field("sessionId", c.sessionId())
                    .field("action", c.action())
                    .field("referrer", c.referrer())
                    .field("dwellMillis", c.dwellMillis());
        } else if (event instanceof OrderEvent o) {
            json.field("type", "order")
                    .field("id", o.id())
                    .field("eventTimeMs", o.eventTime().toEpochMilli())
                    .field("sellerId", o.sellerId())
                    .field("orderId", o.orderId())
                    .field("customerId", o.customerId())
                    .field("sku", o.sku())
                    .field("quantity", o.quantity())
                    .field("amountCents", o.amountCents())
                    .field("currency", o.currency());
        } else {
            json.field("type", "watermark").field("eventTimeMs", event.eventTime().toEpochMilli());
        }
        return json.toBytes();
    }

    /** @throws SerializationException naming what is wrong, for anything that is not an event */
    public static Event decode(byte[] bytes) {
        JsonFields f = JsonFields.parse(bytes, "event");
        String type = f.string("type");
        Instant eventTime = Instant.ofEpochMilli(f.number("eventTimeMs"));
        try {
            return switch (type) {
                case "click" -> new ClickEvent(f.number("id"), eventTime, f.string("page"), f.string("userId"),
                        f.string("sessionId"), f.string("action"), f.string("referrer"), f.number("dwellMillis"));
                case "order" -> new OrderEvent(f.number("id"), eventTime, f.string("sellerId"), f.string("orderId"),
                        f.string("customerId"), f.string("sku"), f.intNumber("quantity"),
                        f.number("amountCents"), f.string("currency"));
                case "watermark" -> new Watermark(eventTime);
                default -> throw new SerializationException("event: unknown type '" + type + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new SerializationException("event: " + e.getMessage(), e);
        }
    }
}

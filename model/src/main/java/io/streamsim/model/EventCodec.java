package io.streamsim.model;

import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The JSON wire format of input records, e.g.
 * {@code {"type":"click","id":7,"eventTimeMs":1700000000123,"page":"page-00042",...}}.
 * Event times travel as epoch milliseconds, the resolution of Kafka record timestamps. An enriched event
 * ({@link Event#enrichment()}) ends with the row version its join used and the row's attributes, each prefixed
 * {@code ref.}: {@code ...,"refVersion":3,"ref.region":"us-east","ref.tier":"gold"}; a kept event whose key had no
 * row ends with {@code "refVersion":-1}. A plain event has neither, so the generator's bytes are unchanged.
 */
public final class EventCodec {

    private static final JsonWriter.Name TYPE = new JsonWriter.Name("type");
    private static final JsonWriter.Name ID = new JsonWriter.Name("id");
    private static final JsonWriter.Name EVENT_TIME_MS = new JsonWriter.Name("eventTimeMs");
    private static final JsonWriter.Name PAGE = new JsonWriter.Name("page");
    private static final JsonWriter.Name USER_ID = new JsonWriter.Name("userId");
    private static final JsonWriter.Name SESSION_ID = new JsonWriter.Name("sessionId");
    private static final JsonWriter.Name ACTION = new JsonWriter.Name("action");
    private static final JsonWriter.Name REFERRER = new JsonWriter.Name("referrer");
    private static final JsonWriter.Name DWELL_MILLIS = new JsonWriter.Name("dwellMillis");
    private static final JsonWriter.Name SELLER_ID = new JsonWriter.Name("sellerId");
    private static final JsonWriter.Name ORDER_ID = new JsonWriter.Name("orderId");
    private static final JsonWriter.Name CUSTOMER_ID = new JsonWriter.Name("customerId");
    private static final JsonWriter.Name SKU = new JsonWriter.Name("sku");
    private static final JsonWriter.Name QUANTITY = new JsonWriter.Name("quantity");
    private static final JsonWriter.Name AMOUNT_CENTS = new JsonWriter.Name("amountCents");
    private static final JsonWriter.Name CURRENCY = new JsonWriter.Name("currency");
    private static final JsonWriter.Name REF_VERSION = new JsonWriter.Name("refVersion");
    /** Prefixes the attribute names of an {@link Enrichment}. */
    static final String REF_PREFIX = "ref.";
    /** Fits a generated click or order (about 180 bytes) without growing. */
    private static final int EXPECTED_EVENT_BYTES = 256;

    private EventCodec() {
    }

    public static byte[] encode(Event event) {
        JsonWriter json = new JsonWriter(EXPECTED_EVENT_BYTES);
        if (event instanceof ClickEvent c) {
            json.field(TYPE, "click")
                    .field(ID, c.id())
                    .field(EVENT_TIME_MS, c.eventTime().toEpochMilli())
                    .field(PAGE, c.page())
                    .field(USER_ID, c.userId())
                    .field(SESSION_ID, c.sessionId())
                    .field(ACTION, c.action())
                    .field(REFERRER, c.referrer())
                    .field(DWELL_MILLIS, c.dwellMillis());
        } else if (event instanceof OrderEvent o) {
            json.field(TYPE, "order")
                    .field(ID, o.id())
                    .field(EVENT_TIME_MS, o.eventTime().toEpochMilli())
                    .field(SELLER_ID, o.sellerId())
                    .field(ORDER_ID, o.orderId())
                    .field(CUSTOMER_ID, o.customerId())
                    .field(SKU, o.sku())
                    .field(QUANTITY, o.quantity())
                    .field(AMOUNT_CENTS, o.amountCents())
                    .field(CURRENCY, o.currency());
        } else {
            json.field(TYPE, "watermark").field(EVENT_TIME_MS, event.eventTime().toEpochMilli());
        }
        Enrichment enrichment = event.enrichment();
        if (enrichment != null) {
            json.field(REF_VERSION, enrichment.version());
            enrichment.attributes().forEach((name, value) -> json.field(REF_PREFIX + name, value));
        }
        return json.toBytes();
    }

    /** @throws SerializationException naming what is wrong, for anything that is not an event */
    public static Event decode(byte[] bytes) {
        JsonFields f = JsonFields.parse(bytes, "event");
        String type = f.string("type");
        Instant eventTime = Instant.ofEpochMilli(f.number("eventTimeMs"));
        try {
            Event event = switch (type) {
                case "click" -> new ClickEvent(f.number("id"), eventTime, f.string("page"), f.string("userId"),
                        f.string("sessionId"), f.string("action"), f.string("referrer"), f.number("dwellMillis"));
                case "order" -> new OrderEvent(f.number("id"), eventTime, f.string("sellerId"), f.string("orderId"),
                        f.string("customerId"), f.string("sku"), f.intNumber("quantity"),
                        f.number("amountCents"), f.string("currency"));
                case "watermark" -> new Watermark(eventTime);
                default -> throw new SerializationException("event: unknown type '" + type + "'");
            };
            return f.names().contains("refVersion") ? event.withEnrichment(enrichment(f)) : event;
        } catch (IllegalArgumentException e) {
            throw new SerializationException("event: " + e.getMessage(), e);
        }
    }

    private static Enrichment enrichment(JsonFields f) {
        java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (String name : f.names()) {
            if (name.startsWith(REF_PREFIX)) {
                attributes.put(name.substring(REF_PREFIX.length()), f.string(name));
            }
        }
        return new Enrichment(attributes, f.number("refVersion"));
    }
}

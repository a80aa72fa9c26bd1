package io.streamsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_123L);

    private static final ClickEvent CLICK =
            new ClickEvent(7, T, "page-00042", "user-1", "session-9", "view", "https://example.com/?q=1", 1234);
    private static final OrderEvent ORDER =
            new OrderEvent(8, T, "seller-00001", "order-77", "customer-3", "SKU-1", 2, 1999, "EUR");
    private static final WindowResult RESULT = new WindowResult("page-00042", Instant.ofEpochMilli(10_000),
            Instant.ofEpochMilli(20_000), 3, 4500, WindowResult.idHash(1) + WindowResult.idHash(2), T);

    @Test
    void click_roundTrips() {
        assertThat(EventCodec.decode(EventCodec.encode(CLICK))).isEqualTo(CLICK);
    }

    @Test
    void order_roundTrips() {
        assertThat(EventCodec.decode(EventCodec.encode(ORDER))).isEqualTo(ORDER);
    }

    @Test
    void enrichedOrder_roundTripsAndEndsWithTheRowVersionAndAttributes() {
        OrderEvent enriched = ORDER.withEnrichment(new Enrichment(
                new java.util.LinkedHashMap<>(java.util.Map.of("region", "us-east")), 3));

        String json = new String(EventCodec.encode(enriched), StandardCharsets.UTF_8);

        assertThat(json).endsWith(",\"currency\":\"EUR\",\"refVersion\":3,\"ref.region\":\"us-east\"}");
        assertThat(EventCodec.decode(EventCodec.encode(enriched))).isEqualTo(enriched);
    }

    @Test
    void clickKeptWithoutRow_roundTripsAsMissing() {
        ClickEvent kept = CLICK.withEnrichment(Enrichment.MISSING);

        assertThat(EventCodec.decode(EventCodec.encode(kept))).isEqualTo(kept);
        assertThat(kept.field("section")).isEqualTo(Enrichment.NO_ROW);
        assertThat(kept.field("region")).isNull();
    }

    @Test
    void watermark_roundTrips() {
        Watermark w = new Watermark(T);

        assertThat(EventCodec.decode(EventCodec.encode(w))).isEqualTo(w);
    }

    @Test
    void click_encodesAsDocumented() {
        assertThat(new String(EventCodec.encode(CLICK), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"click\",\"id\":7,\"eventTimeMs\":1700000000123,\"page\":\"page-00042\",\"userId\":\"user-1\","
                        + "\"sessionId\":\"session-9\",\"action\":\"view\",\"referrer\":\"https://example.com/?q=1\","
                        + "\"dwellMillis\":1234}");
    }

    @Test
    void stringsNeedingEscapesAndNonAscii_roundTrip() {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t nul\u0000 bell\u0007 del\u007f";
        String unicode = "Zürich café 東京 emoji \uD83D\uDE80 ls\u2028";
        ClickEvent click = new ClickEvent(Long.MAX_VALUE, Instant.EPOCH, nasty, unicode, "", "{\"not\":\"json\"}",
                "\\u0041", 0);
        OrderEvent order = new OrderEvent(-1, Instant.ofEpochMilli(-5), unicode, nasty, "c", "s",
                Integer.MAX_VALUE, Long.MAX_VALUE, "€");

        assertThat(EventCodec.decode(EventCodec.encode(click))).isEqualTo(click);
        assertThat(EventCodec.decode(EventCodec.encode(order))).isEqualTo(order);
    }

    @Test
    void eventTime_subMillisecond_isTruncatedToTheMillisecond() {
        Watermark w = new Watermark(T.plusNanos(999_999));

        assertThat(EventCodec.decode(EventCodec.encode(w)).eventTime()).isEqualTo(T);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON            | hello                                          | malformed JSON",
            "truncated           | {\"type\":\"watermark\"                        | malformed JSON",
            "empty               | ``                                             | not a JSON object",
            "an array            | [1,2]                                          | not a JSON object",
            "a string            | \"click\"                                      | not a JSON object",
            "missing field       | {\"type\":\"click\",\"eventTimeMs\":1}         | field 'id' must be an integer, was absent",
            "missing type        | {\"eventTimeMs\":1}                            | field 'type' must be a string, was absent",
            "string for integer  | {\"type\":\"watermark\",\"eventTimeMs\":\"1\"} | field 'eventTimeMs' must be an integer, was 1",
            "integer for string  | {\"type\":7,\"eventTimeMs\":1}                 | field 'type' must be a string, was 7",
            "fraction            | {\"type\":\"watermark\",\"eventTimeMs\":1.5}   | field 'eventTimeMs' must be a string or an integer, was VALUE_NUMBER_FLOAT",
            "nested              | {\"type\":{},\"eventTimeMs\":1}                | field 'type' must be a string or an integer, was START_OBJECT",
            "JSON null           | {\"type\":null,\"eventTimeMs\":1}              | field 'type' must be a string or an integer, was VALUE_NULL",
            "integer too big     | {\"type\":\"watermark\",\"eventTimeMs\":99999999999999999999} | malformed JSON",
            "unknown type        | {\"type\":\"refund\",\"eventTimeMs\":1}        | unknown type 'refund'",
            "second object       | {\"type\":\"watermark\",\"eventTimeMs\":1} {}  | trailing content after the JSON object",
            "trailing garbage    | {\"type\":\"watermark\",\"eventTimeMs\":1}x    | malformed JSON: Unrecognized token 'x'",
    })
    void decode_notAnEvent_isASerializationExceptionNamingTheProblem(String what, String json, String problem) {
        byte[] bytes = json.replace("\\\"", "\"").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventCodec.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("event: ")
                .hasMessageContaining(problem);
    }

    @Test
    void decode_null_isASerializationException() {
        assertThatThrownBy(() -> EventCodec.decode(null))
                .isInstanceOf(SerializationException.class)
                .hasMessage("event: null value");
    }

    @Test
    void decode_valueTheRecordRejects_isASerializationException() {
        String json = "{\"type\":\"order\",\"id\":1,\"eventTimeMs\":1,\"sellerId\":\"s\",\"orderId\":\"o\","
                + "\"customerId\":\"c\",\"sku\":\"k\",\"quantity\":0,\"amountCents\":1,\"currency\":\"EUR\"}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("event: quantity must be > 0, was 0");
    }

    @Test
    void decode_quantityBeyondAnInt_isASerializationException() {
        String json = "{\"type\":\"order\",\"id\":1,\"eventTimeMs\":1,\"sellerId\":\"s\",\"orderId\":\"o\","
                + "\"customerId\":\"c\",\"sku\":\"k\",\"quantity\":4294967296,\"amountCents\":1,\"currency\":\"EUR\"}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("event: field 'quantity' must be a 32-bit integer, was 4294967296");
    }

    @Test
    void decode_fieldsInAnyOrderAndWhitespace_isAccepted() {
        String json = " { \"eventTimeMs\" : 1700000000123 ,\n \"type\" : \"watermark\" } ";

        assertThat(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Watermark(T));
    }

    @Test
    void windowResult_roundTrips() {
        assertThat(WindowResult.decode(RESULT.encode())).isEqualTo(RESULT);
    }

    @Test
    void windowResult_stringsNeedingEscapes_roundTrip() {
        WindowResult r = new WindowResult("\"späte\"\n\\Bestellung 🚀", Instant.EPOCH, Instant.ofEpochMilli(1),
                0, -5, Long.MIN_VALUE, Instant.EPOCH);

        assertThat(WindowResult.decode(r.encode())).isEqualTo(r);
    }

    @Test
    void windowResult_decodeOfAWindowEndingBeforeItStarts_isASerializationException() {
        String json = "{\"key\":\"k\",\"windowStartMs\":10,\"windowEndMs\":9,\"count\":1,\"sum\":1,"
                + "\"idChecksum\":1,\"lastEmittedAtMs\":1}";

        assertThatThrownBy(() -> WindowResult.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("window result: windowEnd");
    }

    @Test
    void windowResult_decodeOfAnEvent_namesTheMissingField() {
        assertThatThrownBy(() -> WindowResult.decode(EventCodec.encode(CLICK)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("window result: field 'key' must be a string, was absent");
    }

    @Test
    void idHash_hasNoCollisionsOnTheFirstHundredThousandIds() {
        Set<Long> hashes = new HashSet<>();
        for (long id = 0; id <= 100_000; id++) {
            hashes.add(WindowResult.idHash(id));
        }

        assertThat(hashes).hasSize(100_001);
    }

    @Test
    void idHash_neighbouringIds_differInAboutHalfTheBits() {
        long flipped = 0;
        int n = 10_000;
        for (long id = 0; id < n; id++) {
            flipped += Long.bitCount(WindowResult.idHash(id) ^ WindowResult.idHash(id + 1));
        }

        assertThat((double) flipped / n).isBetween(30.0, 34.0);
    }

    @Test
    void idHash_checksum_isOrderIndependentButSeesDuplicates() {
        long ab = WindowResult.idHash(1) + WindowResult.idHash(2);
        long ba = WindowResult.idHash(2) + WindowResult.idHash(1);
        long abb = ab + WindowResult.idHash(2);

        assertThat(ab).isEqualTo(ba).isNotEqualTo(abb);
    }

    @Test
    void eventSerde_roundTripsEveryEventAndNull() {
        Serde<Event> serde = StreamsimSerdes.events();

        for (Event e : new Event[] {CLICK, ORDER, new Watermark(T)}) {
            byte[] bytes = serde.serializer().serialize("input", e);
            assertThat(serde.deserializer().deserialize("input", bytes)).isEqualTo(e);
        }
        assertThat(serde.serializer().serialize("input", null)).isNull();
        assertThat(serde.deserializer().deserialize("input", null)).isNull();
    }

    @Test
    void eventSerde_garbage_isASerializationException() {
        assertThatThrownBy(() -> StreamsimSerdes.events().deserializer().deserialize("input", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void windowResultSerde_roundTripsAndNull() {
        Serde<WindowResult> serde = StreamsimSerdes.windowResults();

        assertThat(serde.deserializer().deserialize("output", serde.serializer().serialize("output", RESULT)))
                .isEqualTo(RESULT);
        assertThat(serde.serializer().serialize("output", null)).isNull();
        assertThat(serde.deserializer().deserialize("output", null)).isNull();
    }

    @Test
    void headers_epochMillis_roundTripsAndRejectsWrongLengths() {
        byte[] bytes = Headers.encodeEpochMillis(1_700_000_000_123L);

        assertThat(Headers.decodeEpochMillis(new org.apache.kafka.common.header.internals.RecordHeader(
                Headers.EMITTED_AT, bytes))).isEqualTo(1_700_000_000_123L);
        assertThat(Headers.decodeEpochMillis(new org.apache.kafka.common.header.internals.RecordHeader(
                Headers.EMITTED_AT, new byte[] {1}))).isEqualTo(-1);
        assertThat(Headers.decodeEpochMillis(null)).isEqualTo(-1);
    }
}

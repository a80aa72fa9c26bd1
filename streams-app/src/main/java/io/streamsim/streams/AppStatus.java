package io.streamsim.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One app instance's state and counts as {@code GET /control/status} serves them and the simulator reads them
 * ({@link #toJson()}, {@link #fromJson(String)}), e.g.
 * {@code {"instance":"app-instance-1","state":"RUNNING","slowUntil":null,"slowPerRecordMs":0.000,"processed":5000,
 * "droppedLateApp":3,"droppedLateKafka":3,"deadLettered":1,"droppedUndecodable":0,"rebalances":2}}.
 *
 * @param state            the Kafka Streams client state ({@code RUNNING}, {@code REBALANCING}, ...)
 * @param slowUntil        when the slow-down in force ends (wall clock), null when none is on
 * @param slowPerRecord    the slow-down's wait per record, zero when none is on; on the wire
 *                         {@code slowPerRecordMs}, milliseconds with three decimals
 * @param droppedLateApp   {@link AppMeters#recordsDroppedLate()}
 * @param droppedLateKafka {@link StreamsApp#droppedRecordsByKafka()}: can fall after a rebalance
 * @param rebalances       {@link AppMeters#rebalances()}, the one at startup included
 * @param table            the enrich step's reference table in this instance ({@link TableStatus}); null without one
 * @param appThreadsCpuSeconds CPU time of this life's Kafka Streams threads so far ({@link AppThreadCpu}: those whose
 *                         names carry the client id, ended ones included), seconds; null when the JVM cannot measure
 *                         thread CPU time, or from an app that did not report it
 */
@JsonPropertyOrder({"instance", "state", "slowUntil", "slowPerRecordMs", "processed", "droppedLateApp",
        "droppedLateKafka", "deadLettered", "droppedUndecodable", "rebalances", "table", "appThreadsCpuSeconds"})
public record AppStatus(
        String instance,
        String state,
        Instant slowUntil,
        @JsonProperty("slowPerRecordMs")
        @JsonSerialize(using = MillisSerializer.class)
        @JsonDeserialize(using = MillisDeserializer.class)
        Duration slowPerRecord,
        long processed,
        long droppedLateApp,
        long droppedLateKafka,
        long deadLettered,
        long droppedUndecodable,
        long rebalances,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        TableStatus table,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Double appThreadsCpuSeconds) {

    /** Instants as ISO-8601 text; fields a newer app adds are ignored by an older reader. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** An instance without a reference table. */
    public AppStatus(String instance, String state, Instant slowUntil, Duration slowPerRecord, long processed,
                     long droppedLateApp, long droppedLateKafka, long deadLettered, long droppedUndecodable,
                     long rebalances) {
        this(instance, state, slowUntil, slowPerRecord, processed, droppedLateApp, droppedLateKafka, deadLettered,
                droppedUndecodable, rebalances, null, null);
    }

    /** An instance whose threads' CPU time is not known. */
    public AppStatus(String instance, String state, Instant slowUntil, Duration slowPerRecord, long processed,
                     long droppedLateApp, long droppedLateKafka, long deadLettered, long droppedUndecodable,
                     long rebalances, TableStatus table) {
        this(instance, state, slowUntil, slowPerRecord, processed, droppedLateApp, droppedLateKafka, deadLettered,
                droppedUndecodable, rebalances, table, null);
    }

    public AppStatus {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(slowPerRecord, "slowPerRecord");
    }

    /** One line of JSON, the fields in declaration order. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // strings, numbers and an instant: cannot fail
        }
    }

    /** Reads what {@link #toJson()} writes; {@code slowPerRecord} to the microsecond. */
    public static AppStatus fromJson(String json) throws IOException {
        return JSON.readValue(json, AppStatus.class);
    }

    /** A duration on the wire: milliseconds with three decimals, e.g. {@code 0.500} for 500 microseconds. */
    static final class MillisSerializer extends StdSerializer<Duration> {
        MillisSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(BigDecimal.valueOf(value.toNanos(), 6).setScale(3, RoundingMode.HALF_UP).toPlainString());
        }
    }

    /** Reads what {@link MillisSerializer} writes. */
    static final class MillisDeserializer extends StdDeserializer<Duration> {
        MillisDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext context) throws IOException {
            BigDecimal millis = p.getDecimalValue();
            return Duration.ofNanos(millis.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
    }
}

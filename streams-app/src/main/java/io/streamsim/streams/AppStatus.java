package io.streamsim.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One app instance's state and counts as {@code GET /control/status} serves them, e.g.
 * {@code {"instance":"app-instance-1","state":"RUNNING","slowUntil":null,"slowPerRecordMs":0.0,"processed":5000,
 * "droppedLateApp":3,"droppedLateKafka":3,"deadLettered":1,"droppedUndecodable":0,"rebalances":2}}.
 *
 * @param state            the Kafka Streams client state ({@code RUNNING}, {@code REBALANCING}, ...)
 * @param slowUntil        when the slow-down in force ends (wall clock), null when none is on
 * @param slowPerRecord    the slow-down's wait per record, zero when none is on
 * @param droppedLateApp   {@link AppMeters#recordsDroppedLate()}
 * @param droppedLateKafka {@link StreamsApp#droppedRecordsByKafka()}: can fall after a rebalance
 * @param rebalances       {@link AppMeters#rebalances()}, the one at startup included
 */
public record AppStatus(
        String instance,
        String state,
        Instant slowUntil,
        Duration slowPerRecord,
        long processed,
        long droppedLateApp,
        long droppedLateKafka,
        long deadLettered,
        long droppedUndecodable,
        long rebalances) {

    public AppStatus {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(slowPerRecord, "slowPerRecord");
    }

    /** One line of JSON, the fields in declaration order; durations in milliseconds. */
    public String toJson() {
        return "{\"instance\":" + quote(instance)
                + ",\"state\":" + quote(state)
                + ",\"slowUntil\":" + (slowUntil == null ? "null" : quote(slowUntil.toString()))
                + ",\"slowPerRecordMs\":" + String.format(Locale.ROOT, "%.3f", slowPerRecord.toNanos() / 1e6)
                + ",\"processed\":" + processed
                + ",\"droppedLateApp\":" + droppedLateApp
                + ",\"droppedLateKafka\":" + droppedLateKafka
                + ",\"deadLettered\":" + deadLettered
                + ",\"droppedUndecodable\":" + droppedUndecodable
                + ",\"rebalances\":" + rebalances
                + "}";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

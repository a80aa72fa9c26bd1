package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * The window type of a {@link WindowStep}, with Kafka Streams' semantics for each: epoch-aligned
 * {@link Aligned} windows (tumbling, hopping: Kafka's {@code TimeWindows}), {@link Sliding} windows (Kafka's
 * {@code SlidingWindows}) and {@link Session} windows (Kafka's {@code SessionWindows}).
 */
public sealed interface WindowSpec permits WindowSpec.Aligned, WindowSpec.Sliding, WindowSpec.Session {

    /**
     * How far past a record's timestamp a window that holds it may end, plus what the window type waits on top
     * of grace: stream time past the last record by this plus grace closes every window (the end-of-stream
     * watermark is placed there).
     */
    Duration reach();

    /** A few words for the report: {@code tumbling 10s}, {@code session gap 30s}. */
    String describe();

    /**
     * Windows aligned to the epoch, as Kafka Streams' {@code TimeWindows}: they start at multiples of
     * {@link #advance()}, are {@link #size()} long, and include their start but not their end. Size 10s,
     * advance 5s: windows [0s;10s), [5s;15s), ...; a record at 10s belongs to [5s;15s) and [10s;20s), not to
     * [0s;10s).
     */
    sealed interface Aligned extends WindowSpec permits Tumbling, Hopping {

        Duration size();

        Duration advance();

        @Override
        default Duration reach() {
            return size();
        }

        /** Starts, in epoch millis and ascending, of every window containing {@code timestampMs}. */
        default long[] windowStartsFor(long timestampMs) {
            if (timestampMs < 0) {
                return new long[0]; // as Kafka: windows start at 0, so a negative timestamp is in none
            }
            long sizeMs = size().toMillis();
            long advanceMs = advance().toMillis();
            long first = (Math.max(0, timestampMs - sizeMs + advanceMs) / advanceMs) * advanceMs;
            int n = (int) ((timestampMs - first) / advanceMs) + 1;
            long[] starts = new long[n];
            for (int i = 0; i < n; i++) {
                starts[i] = first + i * advanceMs;
            }
            return starts;
        }
    }

    /** Non-overlapping windows. YAML: {@code window: {tumbling: 10s}}. */
    record Tumbling(Duration size) implements Aligned {
        public Tumbling {
            Checks.at("").positive("tumbling", size)
                    .that(size.toNanos() % 1_000_000 == 0, "tumbling", "must be whole milliseconds")
                    .done();
        }

        @Override
        public Duration advance() {
            return size;
        }

        @Override
        public String describe() {
            return "tumbling " + Durations.format(size);
        }
    }

    /** Overlapping windows. YAML: {@code window: {hopping: {size: 10s, advance: 5s}}}. */
    record Hopping(Duration size, Duration advance) implements Aligned {
        public Hopping {
            Checks.at("hopping").positive("size", size).positive("advance", advance)
                    .that(advance.compareTo(size) <= 0, "advance",
                            "must not exceed size (" + Durations.format(size) + "), was " + Durations.format(advance))
                    .that(size.toNanos() % 1_000_000 == 0, "size", "must be whole milliseconds")
                    .that(advance.toNanos() % 1_000_000 == 0, "advance", "must be whole milliseconds")
                    .done();
        }

        @Override
        public String describe() {
            return "hopping " + Durations.format(size) + " advancing " + Durations.format(advance);
        }
    }

    /**
     * Windows defined by the records themselves, as Kafka Streams' {@code SlidingWindows}: a window covers
     * {@code timeDifference}, both bounds included, and exists where its bounds meet a record. YAML:
     * {@code window: {sliding: 10s}}.
     */
    record Sliding(Duration timeDifference) implements WindowSpec {
        public Sliding {
            Checks.at("").positive("sliding", timeDifference)
                    .that(timeDifference.toNanos() % 1_000_000 == 0, "sliding", "must be whole milliseconds")
                    .done();
        }

        /** A window holding a record at t ends at t + timeDifference at the latest; its end is included. */
        @Override
        public Duration reach() {
            return timeDifference.plusMillis(1);
        }

        @Override
        public String describe() {
            return "sliding " + Durations.format(timeDifference);
        }
    }

    /**
     * Per-key sessions, as Kafka Streams' {@code SessionWindows}: records less than {@code inactivityGap} apart
     * share a session, and a record that bridges two sessions merges them. YAML:
     * {@code window: {session: {inactivityGap: 30s}}}.
     */
    record Session(Duration inactivityGap) implements WindowSpec {
        public Session {
            Checks.at("session").positive("inactivityGap", inactivityGap)
                    .that(inactivityGap.toNanos() % 1_000_000 == 0, "inactivityGap", "must be whole milliseconds")
                    .done();
        }

        /** A session ends at its last record and stays open for the gap (then grace). */
        @Override
        public Duration reach() {
            return inactivityGap.plusMillis(1);
        }

        @Override
        public String describe() {
            return "session gap " + Durations.format(inactivityGap);
        }
    }
}

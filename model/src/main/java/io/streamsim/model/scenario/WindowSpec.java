package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * Time windows, with Kafka Streams' {@code TimeWindows} semantics: windows start at multiples of
 * {@link #advance()} from the epoch, are {@link #size()} long, and include their start but not their end.
 * Size 10s, advance 5s: windows [0s;10s), [5s;15s), ...; a record at 10s belongs to [5s;15s) and
 * [10s;20s), not to [0s;10s).
 */
public sealed interface WindowSpec {

    Duration size();

    Duration advance();

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

    /** Non-overlapping windows. YAML: {@code window: {tumbling: 10s}}. */
    record Tumbling(Duration size) implements WindowSpec {
        public Tumbling {
            Checks.at("").positive("tumbling", size)
                    .that(size.toNanos() % 1_000_000 == 0, "tumbling", "must be whole milliseconds")
                    .done();
        }

        @Override
        public Duration advance() {
            return size;
        }
    }

    /** Overlapping windows. YAML: {@code window: {hopping: {size: 10s, advance: 5s}}}. */
    record Hopping(Duration size, Duration advance) implements WindowSpec {
        public Hopping {
            Checks.at("hopping").positive("size", size).positive("advance", advance)
                    .that(advance.compareTo(size) <= 0, "advance",
                            "must not exceed size (" + Durations.format(size) + "), was " + Durations.format(advance))
                    .that(size.toNanos() % 1_000_000 == 0, "size", "must be whole milliseconds")
                    .that(advance.toNanos() % 1_000_000 == 0, "advance", "must be whole milliseconds")
                    .done();
        }
    }
}

package io.streamsim.model.scenario;

import io.streamsim.model.EventType;
import java.time.Instant;

/**
 * What the events look like: their shape, how many distinct keys, how keys are drawn, and how event time relates to
 * the wall clock.
 *
 * <p>An event sent at wall offset {@code w} from the start of the load carries the event time
 * {@code startTime + w x timeScale} (before disorder): with {@code timeScale: 10080} one wall-clock minute is a week
 * of event time; with {@code startTime: 2026-01-05T00:00:00Z} the run replays that week rather than today. Rates
 * stay events per wall-clock second and latency stays wall clock (the {@code emitted-at} header); every other
 * duration that shifts an event time ({@code disorder.delay}, {@code disorder.maxDelay}, a clock skew's
 * {@code offset}, a backfill's {@code from}/{@code to}) is an event-time duration, so a 10080x run with an 8 s
 * mean delay is nearly ordered unless the scenario says hours.
 *
 * @param keys      distinct aggregation keys (pages or sellers), named {@code <prefix>-<index>}
 * @param startTime the event time of the first event; null: the wall clock at the start of the load
 * @param timeScale event-time seconds per wall-clock second, in (0, {@value #MAX_TIME_SCALE}]
 */
public record EventsSpec(EventType type, int keys, KeyDistribution keyDistribution, Instant startTime,
                         double timeScale) {

    /** The {@code keyDistribution} when a file leaves it out. */
    public static final KeyDistribution DEFAULT_KEY_DISTRIBUTION = new KeyDistribution.Uniform();
    /** The {@code timeScale} when a file leaves it out: event time runs with the wall clock. */
    public static final double DEFAULT_TIME_SCALE = 1;
    /** About two years of event time a minute; beyond it, a minute's event times no longer fit a long of nanos. */
    public static final double MAX_TIME_SCALE = 1_000_000;

    public EventsSpec {
        Checks.at("")
                .notNull("type", type)
                .that(type != EventType.WATERMARK, "type", "must be clickstream or orders")
                .range("keys", keys, 1, 10_000_000)
                .notNull("keyDistribution", keyDistribution)
                .positive("timeScale", timeScale)
                .that(timeScale <= MAX_TIME_SCALE, "timeScale", "must be <= " + (long) MAX_TIME_SCALE + ", was " + timeScale)
                .done();
        if (keyDistribution instanceof KeyDistribution.Hotspot h) {
            Checks.at("keyDistribution.hotspot")
                    .that(Math.floor(h.keyFraction() * keys) >= 1, "keyFraction",
                            "selects no key: keyFraction x keys must be >= 1, was " + h.keyFraction() * keys)
                    .done();
        }
    }

    /** Event time with the wall clock, from the start of the load. */
    public EventsSpec(EventType type, int keys, KeyDistribution keyDistribution) {
        this(type, keys, keyDistribution, null, DEFAULT_TIME_SCALE);
    }

    /**
     * True when event times may lie far from the broker's clock (a historical start or a compressed scale): Kafka's
     * time retention would delete such records within minutes, and a timestamp over an hour ahead is refused.
     */
    public boolean eventTimeDetachedFromWallClock() {
        return startTime != null || timeScale != DEFAULT_TIME_SCALE;
    }
}

package io.streamsim.model.scenario;

import io.streamsim.model.EventType;

/**
 * What the events look like: their shape, how many distinct keys, and how keys are drawn.
 *
 * @param keys distinct aggregation keys (pages or sellers), named {@code <prefix>-<index>}
 */
public record EventsSpec(EventType type, int keys, KeyDistribution keyDistribution) {

    /** The {@code keyDistribution} when a file leaves it out. */
    public static final KeyDistribution DEFAULT_KEY_DISTRIBUTION = new KeyDistribution.Uniform();

    public EventsSpec {
        Checks.at("")
                .notNull("type", type)
                .that(type != EventType.WATERMARK, "type", "must be clickstream or orders")
                .range("keys", keys, 1, 10_000_000)
                .notNull("keyDistribution", keyDistribution)
                .done();
        if (keyDistribution instanceof KeyDistribution.Hotspot h) {
            Checks.at("keyDistribution.hotspot")
                    .that(Math.floor(h.keyFraction() * keys) >= 1, "keyFraction",
                            "selects no key: keyFraction x keys must be >= 1, was " + h.keyFraction() * keys)
                    .done();
        }
    }
}

package io.streamsim.model.scenario;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@code reference:}: the scenario's reference table ({@link io.streamsim.model.ReferenceSchema} of its event type,
 * one row per event key, generated from the seed), written to the run's compacted reference topic before the load
 * starts; with {@code updatesPerSecond > 0}, rows change during the load at that wall-clock rate (a slowly changing
 * dimension), each change timestamped with the event time at which it takes effect.
 *
 * @param table            whether the scenario has a reference table at all ({@link #NONE}: the section is absent)
 * @param updatesPerSecond row changes per wall-clock second during the load; 0: the table never changes
 * @param partitions       the reference topic's partition count ({@code reference: {partitions: 3}}); empty: the
 *                         input topic's ({@link #partitions(TopicsSpec)}). A shuffle join needs it equal to the input's
 *                         ({@link Scenario} refuses anything else), a broadcast join takes any count
 */
public record ReferenceSpec(boolean table, double updatesPerSecond, OptionalInt partitions) {

    /** No reference table: what a file without {@code reference:} gets. */
    public static final ReferenceSpec NONE = new ReferenceSpec(false, 0);

    /** A table whose topic is as wide as the input topic. */
    public ReferenceSpec(boolean table, double updatesPerSecond) {
        this(table, updatesPerSecond, OptionalInt.empty());
    }

    /** The {@code updatesPerSecond} when {@code reference:} leaves it out: a static table. */
    public static final double DEFAULT_UPDATES_PER_SECOND = 0;

    /** Updates are written one by one on a paced thread; beyond this they would be a load of their own. */
    public static final double MAX_UPDATES_PER_SECOND = 10_000;

    public ReferenceSpec {
        Objects.requireNonNull(partitions, "partitions");
        Checks.at("")
                .that(partitions.orElse(1) >= 1, "partitions", "must be at least 1, was " + partitions.orElse(1))
                .that(table || partitions.isEmpty(), "partitions", "needs a table")
                .that(updatesPerSecond >= 0 && updatesPerSecond <= MAX_UPDATES_PER_SECOND, "updatesPerSecond",
                        "must be in [0, " + (long) MAX_UPDATES_PER_SECOND + "], was " + updatesPerSecond)
                .that(table || updatesPerSecond == 0, "updatesPerSecond", "needs a table")
                .done();
    }

    /** The reference topic's partition count: {@link #partitions()}, else the input topic's ({@code topics}). */
    public int partitions(TopicsSpec topics) {
        return partitions.orElse(topics.partitions());
    }
}

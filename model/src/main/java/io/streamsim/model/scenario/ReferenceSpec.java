package io.streamsim.model.scenario;

/**
 * {@code reference:}: the scenario's reference table ({@link io.streamsim.model.ReferenceSchema} of its event type,
 * one row per event key, generated from the seed), written to the run's compacted reference topic before the load
 * starts; with {@code updatesPerSecond > 0}, rows change during the load at that wall-clock rate (a slowly changing
 * dimension), each change timestamped with the event time at which it takes effect.
 *
 * @param table            whether the scenario has a reference table at all ({@link #NONE}: the section is absent)
 * @param updatesPerSecond row changes per wall-clock second during the load; 0: the table never changes
 * @param effectiveAfter   how far after the live event time at which an update is written it takes effect (its
 *                         {@code validFrom} and record timestamp): a change announced ahead. Zero (the default): an
 *                         update takes effect at once, and can reach the table just after events it already applies
 *                         to (written by another producer at the same moment), which even a versioned join then
 *                         joins with the previous version; a lead of a second puts every update on the table before
 *                         the events it applies to
 */
public record ReferenceSpec(boolean table, double updatesPerSecond, java.time.Duration effectiveAfter) {

    /** Updates take effect when they are written. */
    public ReferenceSpec(boolean table, double updatesPerSecond) {
        this(table, updatesPerSecond, java.time.Duration.ZERO);
    }

    /** No reference table: what a file without {@code reference:} gets. */
    public static final ReferenceSpec NONE = new ReferenceSpec(false, 0);

    /** The {@code updatesPerSecond} when {@code reference:} leaves it out: a static table. */
    public static final double DEFAULT_UPDATES_PER_SECOND = 0;

    /** Updates are written one by one on a paced thread; beyond this they would be a load of their own. */
    public static final double MAX_UPDATES_PER_SECOND = 10_000;

    public ReferenceSpec {
        Checks.at("")
                .that(updatesPerSecond >= 0 && updatesPerSecond <= MAX_UPDATES_PER_SECOND, "updatesPerSecond",
                        "must be in [0, " + (long) MAX_UPDATES_PER_SECOND + "], was " + updatesPerSecond)
                .that(table || updatesPerSecond == 0, "updatesPerSecond", "needs a table")
                .notNegative("effectiveAfter", effectiveAfter)
                .done();
    }
}

package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Joins every event with the row of its key in the scenario's reference table
 * ({@link io.streamsim.model.ReferenceSchema}:
 * orders with {@code sellers}, clicks with {@code pages}), so that a later {@link GroupByStep} can key by the row's
 * attributes ({@code region}). YAML: {@code - enrich: {with: sellers, join: broadcast}},
 * {@code - enrich: {with: sellers, join: shuffle, versioned: {history: 1h}, onMissing: keep}}.
 *
 * <p>{@link Join#BROADCAST} joins a GlobalKTable: every instance holds the whole table and looks rows up by the
 * event key, with no repartition, the row as it is when the event is processed. {@link Join#SHUFFLE} joins a KTable
 * over the reference topic, which is co-partitioned with the input (same key, same partition count): each task holds
 * its partitions' share of the rows. Without {@code versioned} the row is also the latest one processed; with it the
 * table is a versioned store and the join looks the row up as of the event's timestamp: an order of 12:00:07.249
 * finds the row valid at 12:00:07.249 even when a later version was already read. A versioned store keeps
 * superseded versions for {@code history} of the table's stream time only: an event older than that finds no row.
 *
 * @param with      the table's name; the scenario's event type decides which one exists
 * @param history   the versioned store's history retention; null for an unversioned table
 * @param onMissing what happens to an event whose key has no row (at its time)
 */
public record EnrichStep(String with, Join join, Duration history, OnMissing onMissing) implements Step {

    /** How the table is distributed over the app's instances. */
    public enum Join {
        /** A GlobalKTable: the whole table in every instance. */
        BROADCAST,
        /** A KTable co-partitioned with the stream: each task its share. */
        SHUFFLE
    }

    /** What becomes of an event whose key has no row. */
    public enum OnMissing {
        /** An inner join: the event is dropped. */
        DROP,
        /** A left join: the event goes on, enriched with nothing ({@link io.streamsim.model.Enrichment#MISSING}). */
        KEEP
    }

    /** The {@code onMissing} when a file leaves it out. */
    public static final OnMissing DEFAULT_ON_MISSING = OnMissing.DROP;

    public EnrichStep {
        Checks.at("").notNull("with", with).notNull("join", join).notNull("onMissing", onMissing).done();
        Checks.at("")
                .that(history == null || (!history.isNegative() && !history.isZero()), "versioned.history",
                        "must be > 0, was " + history)
                .that(history == null || history.toNanos() % 1_000_000 == 0, "versioned.history",
                        "must be whole milliseconds")
                .that(history == null || join == Join.SHUFFLE, "versioned",
                        "needs join: shuffle (a GlobalKTable is always joined with the row it holds now)")
                .done();
    }

    /** The versioned store's history, when the table is versioned. */
    public Optional<Duration> versionedHistory() {
        return Optional.ofNullable(history);
    }

    @Override
    public String kind() {
        return "enrich";
    }

    @Override
    public int rank() {
        return 1;
    }

    @Override
    public String describe() {
        return "enrich with " + with + " (" + join.name().toLowerCase(Locale.ROOT) + " join"
                + (history == null ? "" : ", versioned " + Durations.format(history))
                + ", onMissing " + onMissing.name().toLowerCase(Locale.ROOT) + ")";
    }
}

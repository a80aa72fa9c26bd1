package io.streamsim.producers;

import io.streamsim.model.ReferenceRow;
import io.streamsim.model.ReferenceSchema;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The slowly changing part of a {@link ReferenceTable}: update {@code n} picks a row uniformly, one of the schema's
 * {@link ReferenceSchema#movable() movable} attributes, and a value of its domain other than the row's current one
 * (a seller moves region or tier, a page moves section); the result is the row's next version, valid from the event
 * time given. The choices of update {@code n} depend only on {@code (seed, n)} and the updates before it, so a run
 * and its replay make the same changes in the same order; only the event times come from the clock.
 *
 * <p>Not thread-safe: one writer thread owns it.
 */
public final class ReferenceUpdates {

    private static final long UPDATE_SALT = 0x7570646174654CL;

    private final ReferenceTable table;
    private final long seed;
    private final List<String> movable;
    /** Rows changed so far, by index; the others are still {@link ReferenceTable#row(int)}. */
    private final Map<Integer, ReferenceRow> changed = new HashMap<>();
    private long made;

    public ReferenceUpdates(ReferenceTable table, long seed) {
        this.table = Objects.requireNonNull(table, "table");
        this.seed = seed;
        this.movable = table.schema().attributes().keySet().stream().filter(table.schema().movable()::contains).toList();
    }

    /** Updates made so far. */
    public long made() {
        return made;
    }

    /**
     * The next update, taking effect at event time {@code effectiveAt}.
     *
     * @throws IllegalArgumentException when {@code effectiveAt} is before the row's current version
     */
    public ReferenceRow next(Instant effectiveAt) {
        SplittableRandom random = new SplittableRandom(EventGenerator.mix(seed ^ UPDATE_SALT, made));
        int index = random.nextInt(table.size());
        ReferenceRow current = changed.containsKey(index) ? changed.get(index) : table.row(index);
        if (effectiveAt.isBefore(current.validFrom())) {
            throw new IllegalArgumentException("update at " + effectiveAt + " before " + current.key() + "'s version "
                    + current.version() + " from " + current.validFrom());
        }
        String attribute = movable.get(random.nextInt(movable.size()));
        List<String> domain = table.schema().attributes().get(attribute);
        int now = domain.indexOf(current.attribute(attribute));
        // One of the other values, uniformly: skip over the current one.
        int pick = random.nextInt(domain.size() - 1);
        String value = domain.get(pick >= now ? pick + 1 : pick);
        ReferenceRow next = current.with(attribute, value, effectiveAt);
        changed.put(index, next);
        made++;
        return next;
    }
}

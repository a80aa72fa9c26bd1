package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the rules a spec record breaks, so that all of them are reported together:
 * {@code Checks.at("app").positive("instances", instances).positive("threadsPerInstance", t).done();}
 */
public final class Checks {

    private final String prefix;
    private final List<SpecException.Problem> problems = new ArrayList<>();

    private Checks(String prefix) {
        this.prefix = prefix;
    }

    /** Rules for the values under {@code path} (empty for the top level). */
    public static Checks at(String path) {
        return new Checks(path);
    }

    public String path(String field) {
        if (field.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    public Checks that(boolean holds, String field, String message) {
        if (!holds) {
            problems.add(new SpecException.Problem(path(field), message));
        }
        return this;
    }

    public Checks notNull(String field, Object value) {
        return that(value != null, field, "is required");
    }

    public Checks positive(String field, long value) {
        return that(value > 0, field, "must be > 0, was " + value);
    }

    public Checks positive(String field, double value) {
        return that(value > 0 && Double.isFinite(value), field, "must be > 0, was " + value);
    }

    public Checks positive(String field, Duration value) {
        Objects.requireNonNull(value, () -> path(field));
        return that(!value.isNegative() && !value.isZero(), field, "must be > 0, was " + Durations.format(value));
    }

    public Checks notNegative(String field, Duration value) {
        Objects.requireNonNull(value, () -> path(field));
        return that(!value.isNegative(), field, "must be >= 0, was " + Durations.format(value));
    }

    public Checks fraction(String field, double value) {
        return that(value >= 0 && value <= 1, field, "must be a fraction in [0, 1], was " + value);
    }

    public Checks range(String field, long value, long min, long max) {
        return that(value >= min && value <= max, field, "must be in [" + min + ", " + max + "], was " + value);
    }

    /** Throws a {@link SpecException} naming every broken rule, if any. */
    public void done() {
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }
}

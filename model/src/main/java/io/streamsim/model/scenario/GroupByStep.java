package io.streamsim.model.scenario;

import io.streamsim.model.Event;
import io.streamsim.model.Watermark;
import java.util.List;

/**
 * Re-keys every event by one or more of its fields, through a repartition topic, so that the window step
 * aggregates per that key. YAML: {@code - groupBy: {field: userId}} or {@code - groupBy: {fields: [userId, page]}};
 * a key of several fields joins their values with {@code |} ({@code user-00042|page-00007}).
 *
 * <p>Salted ({@code - groupBy: {field: sellerId, salt: 8}}): a two-stage aggregation that spreads a hot key
 * over {@code salt} sub-keys. Stage 1 re-keys each event to {@link #subKeyOf} ({@code seller-00042#5}) and
 * aggregates per sub-key and window; stage 2 combines the sub-keys' partial results per original key and
 * window. The sub-key is chosen from the event id alone ({@link #saltOf}), so a replay after a crash lands on
 * the same sub-key. Only aligned windows can be recombined (see {@link TopologySpec}).
 *
 * @param fields event fields, in key order; which exist depends on the event type ({@link io.streamsim.model.EventType#fields()})
 * @param salt   sub-keys per key: {@link #UNSALTED} (1) for a plain groupBy, else {@value #MIN_SALT}..{@value #MAX_SALT}
 */
public record GroupByStep(List<String> fields, int salt) implements Step {

    /** Joins the values of a key of several fields. */
    public static final String SEPARATOR = "|";
    /** Joins a key and its salt in a stage-1 sub-key: {@code seller-00042#5}. */
    public static final char SALT_SEPARATOR = '#';
    /** The salt of a plain groupBy: one sub-key, the key itself. */
    public static final int UNSALTED = 1;
    public static final int MIN_SALT = 2;
    public static final int MAX_SALT = 256;

    /** A plain (unsalted) groupBy. */
    public GroupByStep(List<String> fields) {
        this(fields, UNSALTED);
    }

    public GroupByStep {
        Checks.at("")
                .that(fields != null && !fields.isEmpty(), "field", "names no field")
                .that(salt == UNSALTED || (salt >= MIN_SALT && salt <= MAX_SALT), "salt",
                        "must be " + MIN_SALT + ".." + MAX_SALT + " sub-keys per key, was " + salt)
                .done();
        fields = List.copyOf(fields);
        Checks.at("")
                .that(fields.stream().distinct().count() == fields.size(), "fields", "names a field twice: " + fields)
                .done();
    }

    /** The new key of {@code event}; a {@link Watermark} keeps {@link Watermark#KEY}. */
    public String keyOf(Event event) {
        if (event instanceof Watermark) {
            return Watermark.KEY;
        }
        if (fields.size() == 1) {
            return value(event, fields.get(0));
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                key.append(SEPARATOR);
            }
            key.append(value(event, fields.get(i)));
        }
        return key.toString();
    }

    public boolean salted() {
        return salt != UNSALTED;
    }

    /**
     * The sub-key in {@code [0, salt)} of {@code event}: SplitMix64's finalizer of the event id, modulo salt. It
     * depends on the id only, so every copy of an event (a producer retry, a replay) gets the same one.
     */
    public int saltOf(Event event) {
        long z = event.id() + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Long.remainderUnsigned(z, salt);
    }

    /**
     * The key stage 1 aggregates {@code event} under: {@link #keyOf} when unsalted, else
     * {@code keyOf + '#' + saltOf} ({@code seller-00042#5}); a {@link Watermark} keeps {@link Watermark#KEY}.
     */
    public String subKeyOf(Event event) {
        String key = keyOf(event);
        if (!salted() || event instanceof Watermark) {
            return key;
        }
        return key + SALT_SEPARATOR + saltOf(event);
    }

    /** The key a stage-1 sub-key belongs to: {@code seller-00042#5} -> {@code seller-00042}; others unchanged. */
    public static String unsalted(String subKey) {
        int at = subKey.lastIndexOf(SALT_SEPARATOR);
        return at < 0 ? subKey : subKey.substring(0, at);
    }

    private static String value(Event event, String field) {
        String value = event.field(field);
        if (value == null) {
            throw new IllegalArgumentException(event.type().wireName() + " events have no field '" + field + "'");
        }
        return value;
    }

    @Override
    public String kind() {
        return "groupBy";
    }

    @Override
    public int rank() {
        return 2;
    }

    @Override
    public String describe() {
        return "groupBy " + String.join(", ", fields) + (salted() ? " salted x" + salt : "");
    }
}

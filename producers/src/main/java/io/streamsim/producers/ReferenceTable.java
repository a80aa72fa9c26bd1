package io.streamsim.producers;

import io.streamsim.model.ReferenceRow;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A scenario's reference table as it starts: one row per event key, named as the event generator names keys
 * ({@code seller-042}), each attribute drawn uniformly from its {@link ReferenceSchema} domain. {@link #row(int)}
 * depends only on {@code (scenario.seed(), index)}, from a random source salted apart from the events' own, so adding
 * a table changes no event.
 *
 * <p>Every row is version 0, valid from {@link #ALWAYS}: the table existed before any event of the run, late and
 * historical ones included.
 */
public final class ReferenceTable {

    /** When version 0 of every row takes effect: the epoch, before any event a scenario makes. */
    public static final Instant ALWAYS = Instant.EPOCH;

    private static final long TABLE_SALT = 0x7461626C65L;

    private final ReferenceSchema schema;
    private final long seed;
    private final int rows;
    private final String keyPrefix;
    private final int keyWidth;

    public ReferenceTable(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        this.schema = ReferenceSchema.of(scenario.events().type());
        this.seed = scenario.seed();
        this.rows = scenario.events().keys();
        this.keyPrefix = schema.eventType().keyPrefix();
        this.keyWidth = Integer.toString(rows - 1).length();
    }

    public ReferenceSchema schema() {
        return schema;
    }

    /** Rows in the table: one per event key. */
    public int size() {
        return rows;
    }

    /** The key of row {@code index}: the event key of the same index. */
    public String key(int index) {
        return EventGenerator.keyName(keyPrefix, keyWidth, index);
    }

    /** Version 0 of row {@code index}. */
    public ReferenceRow row(int index) {
        if (index < 0 || index >= rows) {
            throw new IndexOutOfBoundsException("row " + index + " of " + rows);
        }
        SplittableRandom random = new SplittableRandom(EventGenerator.mix(seed ^ TABLE_SALT, index));
        Map<String, String> attributes = new LinkedHashMap<>();
        schema.attributes().forEach((name, domain) -> attributes.put(name, domain.get(random.nextInt(domain.size()))));
        return new ReferenceRow(key(index), attributes, 0, ALWAYS);
    }

    /** Every row, in key order. */
    public List<ReferenceRow> rows() {
        List<ReferenceRow> all = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            all.add(row(i));
        }
        return all;
    }
}

package io.streamsim.model.scenario;

import io.streamsim.model.Event;
import io.streamsim.model.Watermark;
import java.util.List;

/**
 * Re-keys every event by one or more of its fields, through a repartition topic, so that the window step
 * aggregates per that key. YAML: {@code - groupBy: {field: userId}} or {@code - groupBy: {fields: [userId, page]}};
 * a key of several fields joins their values with {@code |} ({@code user-00042|page-00007}).
 *
 * @param fields event fields, in key order; which exist depends on the event type ({@link io.streamsim.model.EventType#fields()})
 */
public record GroupByStep(List<String> fields) implements Step {

    /** Joins the values of a key of several fields. */
    public static final String SEPARATOR = "|";

    public GroupByStep {
        Checks.at("")
                .that(fields != null && !fields.isEmpty(), "field", "names no field")
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
        return "groupBy " + String.join(", ", fields);
    }
}

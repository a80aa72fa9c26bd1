package io.streamsim.simulator.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One {@code --vary PATH=V1,V2,...}: a scenario path and the values it takes, in order. Values are split at commas
 * (a value cannot hold one).
 */
public record Vary(String path, List<String> values) {

    public Vary {
        values = List.copyOf(values);
    }

    /** Parses {@code PATH=V1,V2,...}; bad input is a {@link ScenarioEdit.PathException} naming what is wrong. */
    public static Vary parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new ScenarioEdit.PathException(text, "not PATH=V1,V2,... (e.g. topology.grace=2s,10s)");
        }
        String path = text.substring(0, eq).trim();
        ScenarioEdit.steps(path);
        List<String> values = new ArrayList<>();
        for (String v : text.substring(eq + 1).split(",", -1)) {
            if (v.isBlank()) {
                throw new ScenarioEdit.PathException(path, "an empty value in '" + text.substring(eq + 1) + "'");
            }
            values.add(v.trim());
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new ScenarioEdit.PathException(path, "a value is listed twice in '" + text.substring(eq + 1)
                    + "'");
        }
        return new Vary(path, values);
    }
}

package io.streamsim.model.scenario;

import io.streamsim.model.EventType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code events:}, its {@code keyDistribution} included. */
final class EventsReader {

    private EventsReader() {
    }

    static EventsSpec read(YamlTree.Fields f) {
        EventType type = f.enumValue("type", EventType.class, true);
        Long keys = f.integer("keys", true);
        KeyDistribution distribution = f.has("keyDistribution")
                ? keyDistribution(f.tree(), f.get("keyDistribution", false), f.path("keyDistribution"))
                : EventsSpec.DEFAULT_KEY_DISTRIBUTION;
        boolean startGiven = f.has("startTime");
        Instant startTime = startGiven ? instant(f, "startTime") : null;
        Double timeScale = f.has("timeScale") ? f.number("timeScale", false) : Double.valueOf(EventsSpec.DEFAULT_TIME_SCALE);
        f.finish();
        if (type == null || keys == null || distribution == null || (startGiven && startTime == null)
                || timeScale == null) {
            return null;
        }
        return f.build(() -> new EventsSpec(type, YamlTree.clampInt(keys), distribution, startTime, timeScale));
    }

    /** An ISO-8601 instant in UTC, e.g. {@code 2026-01-05T00:00:00Z}. */
    private static Instant instant(YamlTree.Fields f, String key) {
        String text = f.string(key, true);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            f.tree().violation(f.get(key, true), f.path(key),
                    "'" + text + "' is not an instant: write it in UTC, e.g. 2026-01-05T00:00:00Z");
            return null;
        }
    }

    /** {@code uniform}, {@code {zipf: EXPONENT}} or {@code {hotspot: {keyFraction: F, trafficFraction: F}}}. */
    private static KeyDistribution keyDistribution(YamlTree tree, Node node, String path) {
        if (!(node instanceof MappingNode)) {
            String text = tree.string(node, path);
            if ("uniform".equals(text)) {
                return new KeyDistribution.Uniform();
            }
            if (text != null) {
                tree.violation(node, path, "must be uniform, {zipf: EXPONENT} or {hotspot: {keyFraction: F, "
                        + "trafficFraction: F}}; was '" + text + "'");
            }
            return null;
        }
        YamlTree.Fields f = tree.mapping(node, path);
        String kind = f.oneOf("uniform", "zipf", "hotspot");
        KeyDistribution result = null;
        if ("uniform".equals(kind)) {
            f.get("uniform", false);
            result = new KeyDistribution.Uniform();
        } else if ("zipf".equals(kind)) {
            Double exponent = f.number("zipf", true);
            result = exponent == null ? null : tree.build(node, path, () -> new KeyDistribution.Zipf(exponent));
        } else if ("hotspot".equals(kind)) {
            result = f.section("hotspot", h -> {
                Double keyFraction = h.number("keyFraction", true);
                Double trafficFraction = h.number("trafficFraction", true);
                h.finish();
                return keyFraction == null || trafficFraction == null ? null
                        : tree.build(h.node(), path, () -> new KeyDistribution.Hotspot(keyFraction, trafficFraction));
            });
        }
        f.finish();
        return result;
    }
}

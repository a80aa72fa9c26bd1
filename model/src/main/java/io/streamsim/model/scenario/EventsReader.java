package io.streamsim.model.scenario;

import io.streamsim.model.EventType;
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
        f.finish();
        if (type == null || keys == null || distribution == null) {
            return null;
        }
        return f.build(() -> new EventsSpec(type, YamlTree.clampInt(keys), distribution));
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

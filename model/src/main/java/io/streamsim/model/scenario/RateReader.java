package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code rate:}, the list of phases. */
final class RateReader {

    private RateReader() {
    }

    /** The phases, or null when {@code node} is null (the key is missing: reported as required) or any is wrong. */
    static List<RatePhase> read(YamlTree tree, Node node, String path) {
        if (node == null) {
            return null;
        }
        List<Node> items = tree.sequence(node, path);
        if (items == null) {
            return null;
        }
        List<RatePhase> phases = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            YamlTree.Fields f = tree.mapping(items.get(i), path + "[" + i + "]");
            RatePhase phase = f == null ? null : phase(f);
            ok &= phase != null;
            phases.add(phase);
        }
        return ok ? phases : null;
    }

    private static RatePhase phase(YamlTree.Fields f) {
        Duration duration = f.duration("for", true);
        String kind = f.oneOf("eventsPerSecond", "ramp", "step", "spike");
        RatePhase phase = null;
        if (kind != null) {
            phase = switch (kind) {
                case "eventsPerSecond" -> {
                    Double eps = f.number("eventsPerSecond", true);
                    yield eps == null || duration == null ? null
                            : f.build(() -> new RatePhase.Constant(duration, eps));
                }
                case "ramp" -> f.section("ramp", r -> {
                    Double from = r.number("from", false);
                    Double to = r.number("to", true);
                    r.finish();
                    return to == null || duration == null ? null : f.build(() -> new RatePhase.Ramp(duration, from, to));
                });
                case "step" -> f.section("step", s -> {
                    Double factor = s.number("factor", true);
                    s.finish();
                    return factor == null || duration == null ? null : f.build(() -> new RatePhase.Step(duration, factor));
                });
                default -> f.section("spike", s -> {
                    Double peak = s.number("eventsPerSecond", true);
                    Duration lasting = s.duration("lasting", true);
                    s.finish();
                    return peak == null || lasting == null || duration == null ? null
                            : f.build(() -> new RatePhase.Spike(duration, peak, lasting));
                });
            };
        }
        f.finish();
        return phase;
    }
}

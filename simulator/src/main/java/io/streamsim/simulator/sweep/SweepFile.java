package io.streamsim.simulator.sweep;

import static io.streamsim.model.scenario.ScenarioLoader.line;

import io.streamsim.model.scenario.ScenarioException;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.model.scenario.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A sweep file, {@code scenarios/sweeps/<name>.yaml}: a design question asked of one scenario by varying it.
 *
 * <pre>
 * scenario: ../late-orders-grace-tradeoff.yaml   # relative to this file
 * prompt: "How much grace do late orders need?"  # the question sweep.html opens with (default: the scenario's)
 * vary:                                          # path -> values, the paths of --vary; every combination runs
 *   topology.grace: [2s, 5s, 10s]
 * set:                                           # optional: fixed edits made to every run before the varied ones
 *   faults: []
 *   app.autoscale: null                          # null removes the key (the scenario's default applies)
 * repeat: 1                                      # optional, as --repeat
 * tradeoff: {x: p99Seconds, y: droppedLateFraction}  # optional: the two figures of the trade-off chart
 * </pre>
 *
 * <p>Every problem is a {@link Violation} with this file, the line and the YAML path ({@code vary.app.instances[2]}),
 * all collected in one {@link ScenarioException}; {@link #apply} also checks each set edit and each varied value
 * against the scenario (one value at a time, so that a bad value is reported at its own line).
 *
 * @param source   the sweep file, as named on the command line
 * @param scenario the scenario file, resolved against the sweep file's folder
 * @param prompt   the design question; null to use the scenario's prompt
 * @param varies   the varied paths in file order
 * @param set      fixed edits, path to YAML value text; a null value removes the key
 * @param repeat   runs per combination; null when the file does not say
 * @param tradeOff the trade-off chart's figures; null to let the page choose
 * @param lines    the line of each vary and set path and value in the file ({@code vary.topology.grace[1]})
 */
public record SweepFile(String source, Path scenario, String prompt, List<Vary> varies, Map<String, String> set,
                        Integer repeat, TradeOff tradeOff, Map<String, Integer> lines) {

    /** The two figures of the trade-off chart, by their names in {@link SweepRow#FIGURES}. */
    public record TradeOff(String x, String y) {
    }

    private static final Set<String> KEYS = Set.of("scenario", "prompt", "vary", "set", "repeat", "tradeoff");

    public SweepFile {
        varies = List.copyOf(varies);
        set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
        lines = Map.copyOf(lines);
    }

    /** Whether {@code yaml} is a sweep file rather than a scenario: its top level has {@code scenario:}. */
    public static boolean isSweepFile(String yaml) {
        try {
            Optional<Node> node = new Compose(LoadSettings.builder().build()).composeString(yaml);
            return node.isPresent() && node.get() instanceof MappingNode m && value(m, "scenario") != null
                    && value(m, "name") == null;
        } catch (YamlEngineException e) {
            return false;
        }
    }

    /** Reads {@code file}. */
    public static SweepFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                file.toAbsolutePath().getParent());
    }

    /**
     * Parses a sweep file's text; {@code scenario:} is resolved against {@code dir}.
     *
     * @throws ScenarioException listing every problem, each with its line and path
     */
    public static SweepFile parse(String yaml, String source, Path dir) {
        List<Violation> problems = new ArrayList<>();
        Node root = ScenarioLoader.compose(yaml, source);
        if (!(root instanceof MappingNode top)) {
            throw new ScenarioException(List.of(new Violation(source, line(root), "",
                    "a sweep file is a mapping with scenario:, vary: and optionally prompt:, set:, repeat:, "
                            + "tradeoff:")));
        }
        for (NodeTuple t : top.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            if (!KEYS.contains(key)) {
                problems.add(new Violation(source, line(t.getKeyNode()), key, "unknown key (a sweep file has "
                        + "scenario, prompt, vary, set, repeat, tradeoff)"));
            }
        }
        Path scenario = null;
        Node s = value(top, "scenario");
        if (s == null) {
            problems.add(new Violation(source, line(top), "scenario", "missing: the scenario file, relative to this "
                    + "file (e.g. ../late-orders-grace-tradeoff.yaml)"));
        } else if (!(s instanceof ScalarNode sc) || sc.getValue().isBlank()) {
            problems.add(new Violation(source, line(s), "scenario", "must be a file path"));
        } else {
            scenario = dir.resolve(sc.getValue()).normalize();
            if (!Files.isRegularFile(scenario)) {
                problems.add(new Violation(source, line(s), "scenario", "no such file: " + scenario));
            }
        }
        String prompt = null;
        Node p = value(top, "prompt");
        if (p != null) {
            if (p instanceof ScalarNode ps && !ps.getValue().isBlank()) {
                prompt = ps.getValue();
            } else {
                problems.add(new Violation(source, line(p), "prompt", "must be the design question, as text"));
            }
        }
        List<Vary> varies = varies(value(top, "vary"), top, source, problems);
        Map<String, String> set = set(value(top, "set"), source, problems);
        Integer repeat = null;
        Node r = value(top, "repeat");
        if (r != null) {
            try {
                repeat = r instanceof ScalarNode rs ? Integer.valueOf(rs.getValue().trim()) : null;
            } catch (NumberFormatException e) {
                repeat = null;
            }
            if (repeat == null || repeat < 1) {
                problems.add(new Violation(source, line(r), "repeat", "must be a whole number >= 1"));
                repeat = null;
            }
        }
        TradeOff tradeOff = tradeOff(value(top, "tradeoff"), source, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new SweepFile(source, scenario, prompt, varies, set, repeat, tradeOff, lines(top));
    }

    private static List<Vary> varies(Node node, MappingNode top, String source, List<Violation> problems) {
        List<Vary> varies = new ArrayList<>();
        if (node == null) {
            problems.add(new Violation(source, line(top), "vary", "missing: path -> list of values, e.g. "
                    + "topology.grace: [2s, 10s]"));
            return varies;
        }
        if (!(node instanceof MappingNode m) || m.getValue().isEmpty()) {
            problems.add(new Violation(source, line(node), "vary", "must map a scenario path to a list of values, "
                    + "e.g. topology.grace: [2s, 10s]"));
            return varies;
        }
        for (NodeTuple t : m.getValue()) {
            String path = ((ScalarNode) t.getKeyNode()).getValue();
            String at = "vary." + path;
            try {
                ScenarioEdit.steps(path);
            } catch (ScenarioEdit.PathException e) {
                problems.add(new Violation(source, line(t.getKeyNode()), at, e.reason()));
                continue;
            }
            if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problems.add(new Violation(source, line(t.getValueNode()), at, "must be a list of values, e.g. "
                        + "[2s, 10s]"));
                continue;
            }
            List<String> values = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node v = seq.getValue().get(i);
                if (v instanceof ScalarNode sv && (sv.getTag().equals(Tag.NULL) || sv.getValue().isBlank())) {
                    problems.add(new Violation(source, line(v), at + "[" + i + "]", "the value is empty"));
                    ok = false;
                    continue;
                }
                values.add(ScenarioEdit.flowText(v));
            }
            if (ok && new LinkedHashSet<>(values).size() != values.size()) {
                problems.add(new Violation(source, line(seq), at, "a value is listed twice"));
                ok = false;
            }
            if (ok) {
                varies.add(new Vary(path, values));
            }
        }
        return varies;
    }

    private static Map<String, String> set(Node node, String source, List<Violation> problems) {
        Map<String, String> set = new LinkedHashMap<>();
        if (node == null) {
            return set;
        }
        if (!(node instanceof MappingNode m)) {
            problems.add(new Violation(source, line(node), "set", "must map a scenario path to its value "
                    + "(null removes the key), e.g. faults: []"));
            return set;
        }
        for (NodeTuple t : m.getValue()) {
            String path = ((ScalarNode) t.getKeyNode()).getValue();
            try {
                ScenarioEdit.steps(path);
            } catch (ScenarioEdit.PathException e) {
                problems.add(new Violation(source, line(t.getKeyNode()), "set." + path, e.reason()));
                continue;
            }
            Node v = t.getValueNode();
            set.put(path, v instanceof ScalarNode sv && sv.getTag().equals(Tag.NULL) ? null
                    : ScenarioEdit.flowText(v));
        }
        return set;
    }

    private static TradeOff tradeOff(Node node, String source, List<Violation> problems) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof MappingNode m)) {
            problems.add(new Violation(source, line(node), "tradeoff", "must be {x: FIGURE, y: FIGURE}"));
            return null;
        }
        String x = figure(m, "x", source, problems, node);
        String y = figure(m, "y", source, problems, node);
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!key.equals("x") && !key.equals("y")) {
                problems.add(new Violation(source, line(t.getKeyNode()), "tradeoff." + key, "unknown key (x, y)"));
            }
        }
        return x == null || y == null ? null : new TradeOff(x, y);
    }

    private static String figure(MappingNode m, String key, String source, List<Violation> problems, Node at) {
        Node v = value(m, key);
        if (v == null) {
            problems.add(new Violation(source, line(at), "tradeoff." + key, "missing: one of "
                    + String.join(", ", SweepPage.CHARTED.keySet())));
            return null;
        }
        String name = v instanceof ScalarNode s ? s.getValue() : "";
        if (!SweepPage.CHARTED.containsKey(name)) {
            problems.add(new Violation(source, line(v), "tradeoff." + key, "'" + name + "' is not a figure; one of "
                    + String.join(", ", SweepPage.CHARTED.keySet())));
            return null;
        }
        return name;
    }

    /**
     * The scenario YAML with {@link #set} applied, after checking that every set edit and every varied value (one
     * at a time) gives a valid scenario; each problem is reported at the line of the sweep file that caused it.
     *
     * @throws ScenarioException listing every problem
     */
    public String apply(String scenarioYaml, String scenarioName) {
        List<Violation> problems = new ArrayList<>();
        ScenarioEdit edit = ScenarioEdit.of(scenarioYaml);
        for (Map.Entry<String, String> e : set.entrySet()) {
            try {
                if (e.getValue() == null) {
                    edit.remove(e.getKey());
                } else {
                    edit.set(e.getKey(), e.getValue());
                }
            } catch (ScenarioEdit.PathException x) {
                problems.add(new Violation(source, lines.getOrDefault("set." + e.getKey(), 0), "set." + e.getKey(),
                        x.reason()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        String base = edit.yaml();
        try {
            ScenarioLoader.parse(base, scenario.toString(), scenarioName);
        } catch (ScenarioException e) {
            e.violations().forEach(v -> problems.add(new Violation(source, lines.getOrDefault("set", 0), "set",
                    "the scenario with these edits does not validate: " + v.path() + ": " + v.message())));
            throw new ScenarioException(problems);
        }
        for (Vary v : varies) {
            for (int i = 0; i < v.values().size(); i++) {
                String at = "vary." + v.path() + "[" + i + "]";
                int line = lines.getOrDefault(at, lines.getOrDefault("vary." + v.path(), 0));
                try {
                    ScenarioLoader.parse(ScenarioEdit.of(base).set(v.path(), v.values().get(i)).yaml(),
                            scenario.toString(), scenarioName);
                } catch (ScenarioEdit.PathException e) {
                    problems.add(new Violation(source, line, "vary." + v.path(), e.reason()));
                    break;
                } catch (ScenarioException e) {
                    String value = v.values().get(i);
                    e.violations().forEach(x -> problems.add(new Violation(source, line, at, "'" + value
                            + "' does not validate: " + (x.path().isEmpty() ? "" : x.path() + ": ") + x.message())));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return base;
    }

    /** The lines of the vary and set sections, their keys and their values, by path ({@code vary.a.b[1]}). */
    private static Map<String, Integer> lines(MappingNode top) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String section : List.of("vary", "set")) {
            Node n = value(top, section);
            if (n == null) {
                continue;
            }
            lines.put(section, line(n));
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String at = section + "." + ((ScalarNode) t.getKeyNode()).getValue();
                    lines.put(at, line(t.getKeyNode()));
                    if (t.getValueNode() instanceof SequenceNode seq) {
                        for (int i = 0; i < seq.getValue().size(); i++) {
                            lines.put(at + "[" + i + "]", line(seq.getValue().get(i)));
                        }
                    }
                }
            }
        }
        return lines;
    }

    private static Node value(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }
}

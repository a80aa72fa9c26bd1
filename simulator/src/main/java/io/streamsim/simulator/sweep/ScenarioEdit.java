package io.streamsim.simulator.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Present;
import org.snakeyaml.engine.v2.api.lowlevel.Serialize;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * A scenario file's YAML as a node graph, with values set at paths and written back as YAML text (comments are not
 * kept). A path is keys joined by dots, each optionally followed by list indexes: {@code topology.grace},
 * {@code rate[1].eventsPerSecond}, {@code topology.steps[2].window.grace}.
 *
 * <p>Setting a key that a mapping lacks adds it (the loader then decides whether the key is known: {@code
 * topology.grace} on a file that leaves grace to its default is fine, {@code topology.gracee} is an unknown key);
 * a key under a value that is not a mapping, or an index beyond a list's end, is a {@link PathException} naming the
 * path and the reason. The value is read as YAML: {@code 10s} is a string, {@code 4} an integer, {@code {tumbling:
 * 5s}} a mapping.
 */
public final class ScenarioEdit {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)((?:\\[\\d+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

    private final Node root;

    private ScenarioEdit(Node root) {
        this.root = root;
    }

    /** Reads {@code yaml}; a file that is not YAML, or whose top level is not a mapping, is an exception. */
    public static ScenarioEdit of(String yaml) {
        Optional<Node> node;
        try {
            node = new Compose(LoadSettings.builder().build()).composeString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        if (node.isEmpty() || !(node.get() instanceof MappingNode)) {
            throw new IllegalArgumentException("the scenario's top level is not a mapping");
        }
        return new ScenarioEdit(node.get());
    }

    /** One step of a path: a key, then zero or more list indexes. */
    record Step(String key, List<Integer> indexes) {
    }

    /** {@code path} split into its steps; a malformed path is a {@link PathException}. */
    static List<Step> steps(String path) {
        if (path == null || path.isBlank()) {
            throw new PathException(String.valueOf(path), "the path is empty");
        }
        List<Step> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (part.isEmpty() || !m.matches() || m.group(1) == null) {
                throw new PathException(path, "'" + part + "' is not a key or key[index] (a path is like"
                        + " topology.grace or rate[1].eventsPerSecond)");
            }
            List<Integer> indexes = new ArrayList<>();
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                indexes.add(Integer.parseInt(i.group(1)));
            }
            steps.add(new Step(m.group(1), indexes));
        }
        return steps;
    }

    /** Sets {@code value} (YAML text) at {@code path}. */
    public ScenarioEdit set(String path, String value) {
        Node newValue = parseValue(path, value);
        List<Step> steps = steps(path);
        Node node = root;
        String at = "";
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            boolean last = s == steps.size() - 1;
            if (step.key() != null) {
                if (!(node instanceof MappingNode mapping)) {
                    throw new PathException(path, (at.isEmpty() ? "the top level" : at) + " is " + describe(node)
                            + ", not a mapping with key '" + step.key() + "'");
                }
                at = at.isEmpty() ? step.key() : at + "." + step.key();
                if (last && step.indexes().isEmpty()) {
                    put(mapping, step.key(), newValue);
                    return this;
                }
                Node child = get(mapping, step.key());
                if (child == null) {
                    if (!step.indexes().isEmpty()) {
                        throw new PathException(path, at + " is not in the file, so it has no item "
                                + step.indexes().get(0));
                    }
                    child = new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
                    put(mapping, step.key(), child);
                }
                node = child;
            }
            for (int k = 0; k < step.indexes().size(); k++) {
                int index = step.indexes().get(k);
                if (!(node instanceof SequenceNode sequence)) {
                    throw new PathException(path, at + " is " + describe(node) + ", not a list");
                }
                if (index >= sequence.getValue().size()) {
                    throw new PathException(path, at + " has " + sequence.getValue().size() + " item(s), so no ["
                            + index + "] (indexes start at 0)");
                }
                at = at + "[" + index + "]";
                if (last && k == step.indexes().size() - 1) {
                    sequence.getValue().set(index, newValue);
                    return this;
                }
                node = sequence.getValue().get(index);
            }
        }
        throw new IllegalStateException("unreachable: " + path);
    }

    /**
     * Removes the key at {@code path} (e.g. {@code app.autoscale}, {@code faults}), so that the loader applies its
     * default; a key that is not in the file is a {@link PathException}, as is a path that ends in a list index.
     */
    public ScenarioEdit remove(String path) {
        List<Step> steps = steps(path);
        Step lastStep = steps.get(steps.size() - 1);
        if (!lastStep.indexes().isEmpty()) {
            throw new PathException(path, "only a key can be removed, not a list item");
        }
        Node node = root;
        String at = "";
        for (int s = 0; s < steps.size() - 1; s++) {
            Step step = steps.get(s);
            if (!(node instanceof MappingNode mapping) || get(mapping, step.key()) == null) {
                throw new PathException(path, (at.isEmpty() ? "the top level" : at) + " has no key '" + step.key()
                        + "'");
            }
            at = at.isEmpty() ? step.key() : at + "." + step.key();
            node = get(mapping, step.key());
            for (int index : step.indexes()) {
                if (!(node instanceof SequenceNode sequence) || index >= sequence.getValue().size()) {
                    throw new PathException(path, at + " has no item [" + index + "]");
                }
                at = at + "[" + index + "]";
                node = sequence.getValue().get(index);
            }
        }
        if (!(node instanceof MappingNode mapping)
                || !mapping.getValue().removeIf(t -> t.getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals(lastStep.key()))) {
            throw new PathException(path, (at.isEmpty() ? "the top level" : at) + " has no key '" + lastStep.key()
                    + "' to remove");
        }
        return this;
    }

    /** {@code node} as one line of flow-style YAML, as {@link #set} reads a value back. */
    public static String flowText(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.FLOW).setWidth(100_000).build();
        return new Present(settings).emitToString(new Serialize(settings).serializeOne(node).iterator()).strip();
    }

    /** The YAML text, as the loader reads it. */
    public String yaml() {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Present(settings).emitToString(new Serialize(settings).serializeOne(root).iterator());
    }

    private static Node parseValue(String path, String value) {
        if (value == null || value.isBlank()) {
            throw new PathException(path, "the value is empty");
        }
        try {
            Optional<Node> node = new Compose(LoadSettings.builder().build()).composeString(value);
            return node.orElseThrow(() -> new PathException(path, "the value is empty"));
        } catch (YamlEngineException e) {
            return new ScalarNode(Tag.STR, value, ScalarStyle.DOUBLE_QUOTED);
        }
    }

    private static Node get(MappingNode mapping, String key) {
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static void put(MappingNode mapping, String key, Node value) {
        List<NodeTuple> tuples = mapping.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                tuples.set(i, new NodeTuple(k, value));
                return;
            }
        }
        tuples.add(new NodeTuple(new ScalarNode(Tag.STR, key, ScalarStyle.PLAIN), value));
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return "the value '" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    /** A path that cannot be set: {@link #path()} and the reason. */
    public static final class PathException extends IllegalArgumentException {
        private final String path;
        private final String reason;

        public PathException(String path, String reason) {
            super(path + ": " + reason);
            this.path = path;
            this.reason = reason;
        }

        public String path() {
            return path;
        }

        public String reason() {
            return reason;
        }
    }
}

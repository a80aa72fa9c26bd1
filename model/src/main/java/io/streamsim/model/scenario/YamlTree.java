package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a composed YAML node tree into values while collecting violations with their paths and lines.
 * Every reader returns null when the value is absent or unreadable (having recorded why), so that the
 * loader can go on and report every problem in the file in one pass.
 */
final class YamlTree {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String source;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();

    YamlTree(String source) {
        this.source = source;
    }

    List<Violation> violations() {
        return violations;
    }

    void violation(Node node, String path, String message) {
        violations.add(new Violation(source, line(node), path, message));
    }

    void violation(int line, String path, String message) {
        violations.add(new Violation(source, line, path, message));
    }

    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /**
     * Builds a spec record; a {@link SpecException} becomes one violation per broken rule, each at the line
     * of the value it names (relative paths from the record are resolved against {@code path}).
     */
    <T> T build(Node node, String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (SpecException e) {
            for (SpecException.Problem p : e.problems()) {
                String full = join(path, p.path());
                violation(lines.getOrDefault(full, line(node)), full, p.message());
            }
            return null;
        }
    }

    /**
     * A whole number for an {@code int} field of a spec record, saturated rather than wrapped, so that the record's
     * range check reports the value as written.
     */
    static int clampInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    static String join(String path, String child) {
        if (child.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return child;
        }
        return child.startsWith("[") ? path + child : path + "." + child;
    }

    /** A mapping whose keys are consumed by reads; {@link #finish()} reports the ones nobody read. */
    final class Fields {
        private final Node node;
        private final String path;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        private final Set<String> read = new java.util.HashSet<>();
        private final Set<String> rejected = new java.util.HashSet<>();

        private Fields(MappingNode node, String path) {
            this.node = node;
            this.path = path;
            for (NodeTuple t : node.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    violation(t.getKeyNode(), path, "keys must be plain names");
                    continue;
                }
                if (entries.putIfAbsent(k.getValue(), t) != null) {
                    violation(k, join(path, k.getValue()), "is given twice");
                }
                lines.put(join(path, k.getValue()), line(k));
            }
        }

        YamlTree tree() {
            return YamlTree.this;
        }

        Node node() {
            return node;
        }

        String path() {
            return path;
        }

        String path(String key) {
            return join(path, key);
        }

        /** Whether {@code key} is present; asking makes it an allowed key, as reading it would. */
        boolean has(String key) {
            read.add(key);
            return entries.containsKey(key);
        }

        /**
         * When {@code key} is present, reports it at its own line (its value may start on a later one) without
         * making it an allowed key: for keys that are known but not supported.
         */
        void reject(String key, String message) {
            NodeTuple t = entries.get(key);
            if (t != null) {
                rejected.add(key);
                violation(t.getKeyNode(), path(key), message);
            }
        }

        Set<String> keys() {
            return entries.keySet();
        }

        /** The value node, or null (with a violation when {@code required}). */
        Node get(String key, boolean required) {
            read.add(key);
            NodeTuple t = entries.get(key);
            if (t == null) {
                if (required) {
                    violation(node, path(key), "is required");
                }
                return null;
            }
            return t.getValueNode();
        }

        Fields fields(String key, boolean required) {
            Node value = get(key, required);
            return value == null ? null : mapping(value, path(key));
        }

        /**
         * The mapping under {@code key} read by {@code reader}; null when it is missing (reported as required)
         * or not a mapping (reported), and whatever {@code reader} returns for a mapping with problems.
         */
        <T> T section(String key, Function<Fields, T> reader) {
            Fields section = fields(key, true);
            return section == null ? null : reader.apply(section);
        }

        /** As {@link #section(String, Function)}, but {@code absent} when the file leaves {@code key} out. */
        <T> T section(String key, Function<Fields, T> reader, T absent) {
            if (!has(key)) {
                return absent;
            }
            Fields section = fields(key, false);
            return section == null ? null : reader.apply(section);
        }

        /** {@link YamlTree#build} at this mapping's node and path. */
        <T> T build(Supplier<T> constructor) {
            return YamlTree.this.build(node, path, constructor);
        }

        String string(String key, boolean required) {
            Node value = get(key, required);
            return value == null ? null : YamlTree.this.string(value, path(key));
        }

        Long integer(String key, boolean required) {
            Node value = get(key, required);
            return value == null ? null : YamlTree.this.integer(value, path(key));
        }

        Double number(String key, boolean required) {
            Node value = get(key, required);
            return value == null ? null : YamlTree.this.number(value, path(key));
        }

        Duration duration(String key, boolean required) {
            Node value = get(key, required);
            return value == null ? null : YamlTree.this.duration(value, path(key));
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
            Node value = get(key, required);
            return value == null ? null : YamlTree.this.enumValue(value, path(key), type);
        }

        /** Reports every key that no read asked for, naming the keys that are allowed. */
        void finish() {
            List<String> allowed = read.stream().sorted().toList();
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                if (!read.contains(e.getKey()) && !rejected.contains(e.getKey())) {
                    violation(e.getValue().getKeyNode(), path(e.getKey()),
                            "unknown key (allowed here: " + String.join(", ", allowed) + ")");
                }
            }
        }

        /** Exactly one of {@code choices} must be present: returns it, or null after a violation. */
        String oneOf(String... choices) {
            List<String> present = new ArrayList<>();
            for (String c : choices) {
                read.add(c);
                if (entries.containsKey(c)) {
                    present.add(c);
                }
            }
            if (present.size() != 1) {
                violation(node, path, (present.isEmpty() ? "needs one of: " : "takes only one of: ")
                        + String.join(", ", choices) + (present.isEmpty() ? "" : " (found " + String.join(", ", present) + ")"));
                return null;
            }
            return present.get(0);
        }
    }

    Fields mapping(Node node, String path) {
        if (node instanceof MappingNode m) {
            return new Fields(m, path);
        }
        violation(node, path, "must be a mapping (key: value lines), was " + describe(node));
        return null;
    }

    /** The items of an optional list: none when {@code node} is null (the key is left out), else as {@link #sequence}. */
    List<Node> items(Node node, String path) {
        return node == null ? List.of() : sequence(node, path);
    }

    List<Node> sequence(Node node, String path) {
        if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                lines.put(path + "[" + i + "]", line(s.getValue().get(i)));
            }
            return s.getValue();
        }
        violation(node, path, "must be a list, was " + describe(node));
        return null;
    }

    String string(Node node, String path) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        violation(node, path, "must be a single value, was " + describe(node));
        return null;
    }

    Long integer(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        String t = text.replace("_", "");
        if (!INTEGER.matcher(t).matches()) {
            violation(node, path, "must be a whole number, was '" + text + "'");
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            violation(node, path, "is out of range: '" + text + "'");
            return null;
        }
    }

    Double number(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        String t = text.replace("_", "");
        if (!NUMBER.matcher(t).matches()) {
            violation(node, path, "must be a number, was '" + text + "'");
            return null;
        }
        return Double.parseDouble(t);
    }

    Duration duration(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            violation(node, path, e.getMessage());
            return null;
        }
    }

    <E extends Enum<E>> E enumValue(Node node, String path, Class<E> type) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        violation(node, path, "must be one of " + String.join(", ", names) + "; was '" + text + "'");
        return null;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return node instanceof ScalarNode s ? "'" + s.getValue() + "'" : "empty";
    }
}

package io.streamsim.simulator.answer;

import io.streamsim.model.answer.FigureCatalog;
import io.streamsim.simulator.run.RunSummary;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The figures of {@code summary.json}, read from {@link RunSummary}'s own record components so that the catalog
 * cannot drift from the summary: a nested record is a section, a {@code List} takes an index ({@code phases.1.x}),
 * a {@code Map} any key; a number or boolean is a figure a condition can compare, anything else (text, a time) a
 * figure only a sentence can quote. {@code talkingPoints} is left out: a talking point quoting talking points says
 * nothing about the run.
 */
public final class SummaryFigures implements FigureCatalog {

    /** The catalog of {@link RunSummary}. */
    public static final SummaryFigures RUN_SUMMARY = new SummaryFigures(RunSummary.class, Set.of("talkingPoints"));

    private static final String INDEX = "#";
    private static final String KEY = "*";

    /** A place in the summary's shape: a section (fields), a list or map (element), or a value (kind). */
    private record Shape(Map<String, Shape> fields, Shape element, boolean list, Kind kind) {
    }

    enum Kind { NUMBER, TEXT }

    private final Shape root;
    private final List<String> leaves = new ArrayList<>();

    SummaryFigures(Class<? extends Record> type, Set<String> excluded) {
        this.root = shape(type, excluded);
        collect(root, "", leaves);
    }

    /** Every figure as a pattern: {@code #} for a list index, {@code *} for a map key. */
    public List<String> patterns() {
        return List.copyOf(leaves);
    }

    private static Shape shape(Type type, Set<String> excluded) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isPrimitive() && raw != void.class || Number.class.isAssignableFrom(raw) || raw == Boolean.class) {
            return new Shape(Map.of(), null, false, Kind.NUMBER);
        }
        if (raw == String.class || raw.isEnum() || raw == Instant.class || raw == Duration.class) {
            return new Shape(Map.of(), null, false, Kind.TEXT);
        }
        if (raw.isRecord()) {
            Map<String, Shape> fields = new LinkedHashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                if (!excluded.contains(c.getName())) {
                    fields.put(c.getName(), shape(c.getGenericType(), Set.of()));
                }
            }
            return new Shape(fields, null, false, null);
        }
        if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
            if (!(type instanceof ParameterizedType p)) {
                throw new IllegalStateException("raw " + raw.getName() + " in the summary: give its element type");
            }
            Type[] args = p.getActualTypeArguments();
            return new Shape(Map.of(), shape(args[args.length - 1], Set.of()), Collection.class.isAssignableFrom(raw),
                    null);
        }
        throw new IllegalStateException("the summary holds a " + raw.getName()
                + ": make it a record, a list, a map or a plain value for the figure catalog");
    }

    private static void collect(Shape s, String prefix, List<String> out) {
        if (s.kind() != null) {
            out.add(prefix);
        } else if (s.element() != null) {
            collect(s.element(), prefix + "." + (s.list() ? INDEX : KEY), out);
        } else {
            s.fields().forEach((name, child) -> collect(child, prefix.isEmpty() ? name : prefix + "." + name, out));
        }
    }

    @Override
    public Optional<String> problem(String path, boolean number) {
        Shape s = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String so = String.join(".", java.util.Arrays.copyOf(parts, i));
            if (s.kind() != null) {
                return Optional.of("'" + so + "' is a single figure, it has no '" + part + "'");
            }
            if (s.element() != null) {
                if (s.list() && !part.chars().allMatch(Character::isDigit)) {
                    return Optional.of("'" + so + "' is a list: name an item by its index, e.g. " + so + ".0");
                }
                s = s.element();
            } else {
                Shape next = s.fields().get(part);
                if (next == null) {
                    return Optional.of("no such figure in summary.json; nearest: " + String.join(", ", nearest(path, 3)));
                }
                s = next;
            }
        }
        if (s.kind() == null) {
            return Optional.of("names a section of summary.json, not one figure; its figures include: "
                    + String.join(", ", leaves.stream().filter(l -> matches(l, path + ".")).limit(4)
                    .map(l -> concrete(l, path)).toList()));
        }
        if (number && s.kind() != Kind.NUMBER) {
            return Optional.of("is text, not a number: a condition compares numbers (booleans as 1 and 0)");
        }
        return Optional.empty();
    }

    /** The {@code limit} known figures nearest to {@code path} by edit distance, indices kept as written. */
    List<String> nearest(String path, int limit) {
        String normalized = normalize(path);
        String last = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return leaves.stream()
                .sorted(Comparator.comparingInt((String l) -> Math.min(distance(normalize(l), normalized),
                                distance(l.substring(l.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), last) + 2))
                        .thenComparing(l -> l))
                .limit(limit).map(l -> concrete(l, path)).toList();
    }

    private static boolean matches(String pattern, String prefix) {
        String[] p = pattern.split("\\.");
        String[] q = prefix.substring(0, prefix.length() - 1).split("\\.");
        if (p.length <= q.length) {
            return false;
        }
        for (int i = 0; i < q.length; i++) {
            if (!p[i].equals(q[i]) && !p[i].equals(KEY) && !(p[i].equals(INDEX) && q[i].chars().allMatch(Character::isDigit))) {
                return false;
            }
        }
        return true;
    }

    /** {@code pattern} with its index and key marks filled from {@code path} where it has them, else 0 and KEY. */
    private static String concrete(String pattern, String path) {
        String[] p = pattern.split("\\.");
        String[] q = path.split("\\.");
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(INDEX)) {
                p[i] = i < q.length && q[i].chars().allMatch(Character::isDigit) && !q[i].isEmpty() ? q[i] : "0";
            } else if (p[i].equals(KEY)) {
                p[i] = i < q.length ? q[i] : "KEY";
            }
        }
        return String.join(".", p);
    }

    private static String normalize(String path) {
        return path.toLowerCase(Locale.ROOT).replaceAll("(^|\\.)(\\d+|#)(?=\\.|$)", "$1#");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

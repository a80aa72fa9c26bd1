package io.streamsim.model.scenario;

import io.streamsim.model.EventType;
import io.streamsim.model.ReferenceSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code topology:} in two parts: what the pipeline computes, and how Kafka Streams executes it. The
 * computation is either a {@code steps:} list or the flat form, one window step keyed by the event key
 * ({@code window}, {@code grace}, {@code emit} side by side); the execution settings ({@code guarantee},
 * {@code commitInterval}, {@code stateStoreCacheBytes}) hold for either.
 */
final class TopologyReader {

    private static final List<String> FLAT_KEYS = List.of("window", "grace", "emit");

    private TopologyReader() {
    }

    /** {@link #read(YamlTree.Fields, EventType, boolean)} for a scenario with a reference table. */
    static TopologySpec read(YamlTree.Fields f, EventType eventType) {
        return read(f, eventType, true);
    }

    /**
     * @param eventType    the scenario's event type, to check field names against; null when it did not read
     * @param hasReference whether the scenario has a {@code reference:} section, which an enrich step joins
     */
    static TopologySpec read(YamlTree.Fields f, EventType eventType, boolean hasReference) {
        List<Step> steps;
        if (f.has("steps")) {
            for (String flat : FLAT_KEYS) {
                if (f.has(flat)) {
                    f.tree().violation(f.get(flat, false), f.path(flat), "give the window inside steps, or the flat"
                            + " window/grace/emit without steps, not both");
                }
            }
            steps = steps(f, eventType, hasReference);
        } else {
            WindowStep window = flatWindowStep(f);
            steps = window == null ? null : List.of(window);
        }
        Execution execution = execution(f);
        f.finish();
        if (steps == null || execution == null) {
            return null;
        }
        return f.build(() -> new TopologySpec(steps, execution.guarantee(), execution.commitInterval(),
                execution.stateStoreCacheBytes()));
    }

    private record Execution(ProcessingGuarantee guarantee, Duration commitInterval, Long stateStoreCacheBytes) {
    }

    private static Execution execution(YamlTree.Fields f) {
        ProcessingGuarantee guarantee = f.has("guarantee")
                ? f.enumValue("guarantee", ProcessingGuarantee.class, false) : TopologySpec.DEFAULT_GUARANTEE;
        Duration commitInterval = f.duration("commitInterval", false);
        Long cacheBytes = f.integer("stateStoreCacheBytes", false);
        if (guarantee == null) {
            return null;
        }
        return new Execution(guarantee,
                commitInterval != null ? commitInterval : TopologySpec.defaultCommitInterval(guarantee), cacheBytes);
    }

    /** Each item is a mapping of one step name to its options; the list's order rules are the spec's. */
    private static List<Step> steps(YamlTree.Fields topology, EventType eventType, boolean hasReference) {
        YamlTree tree = topology.tree();
        Node node = topology.get("steps", true);
        String path = topology.path("steps");
        List<Node> items = node == null ? null : tree.sequence(node, path);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            tree.violation(node, path, "needs a window step");
            return null;
        }
        List<Step> steps = new ArrayList<>();
        boolean ok = true;
        boolean enriched = false;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            YamlTree.Fields item = tree.mapping(items.get(i), itemPath);
            Step step = item == null ? null : step(item, new KnownFields(eventType, enriched), hasReference);
            ok &= step != null;
            enriched |= step instanceof EnrichStep;
            steps.add(step);
        }
        if (!ok) {
            return null;
        }
        Checks order = Checks.at("");
        TopologySpec.orderProblems(steps, order);
        return tree.build(node, topology.path(), () -> {
            order.done();
            return steps;
        });
    }

    /**
     * The fields a groupBy can key by at its place in the list: the event type's, and after an enrich step also
     * the reference table's attributes ({@code region}, {@code tier}, {@code category} for orders).
     */
    private record KnownFields(EventType eventType, boolean enriched) {

        List<String> names() {
            List<String> names = new ArrayList<>(eventType.fields());
            if (enriched) {
                names.addAll(ReferenceSchema.of(eventType).attributes().keySet());
            }
            return names;
        }
    }

    private static Step step(YamlTree.Fields item, KnownFields fields, boolean hasReference) {
        EventType eventType = fields.eventType();
        String kind = item.oneOf("dedup", "enrich", "groupBy", "window");
        Step step = null;
        if ("dedup".equals(kind)) {
            step = item.section("dedup", d -> {
                Duration within = d.duration("within", true);
                d.finish();
                return within == null ? null : d.build(() -> new DedupStep(within));
            });
        } else if ("enrich".equals(kind)) {
            step = item.section("enrich", e -> enrich(e, eventType, hasReference));
        } else if ("groupBy".equals(kind)) {
            step = item.section("groupBy", g -> groupBy(g, fields));
        } else if ("window".equals(kind)) {
            step = item.section("window", w -> {
                WindowSpec window = windowType(w);
                return windowStep(w, window);
            });
        }
        item.finish();
        return step;
    }

    /**
     * {@code {with: TABLE, join: broadcast|shuffle, versioned: {history: DURATION}, onMissing: drop|keep}}: the table
     * must be the event type's, and the scenario must have a {@code reference:} section that makes it.
     */
    private static EnrichStep enrich(YamlTree.Fields e, EventType eventType, boolean hasReference) {
        String with = e.string("with", true);
        boolean ok = with != null;
        if (with != null && eventType != null && eventType != EventType.WATERMARK) {
            String table = ReferenceSchema.of(eventType).tableName();
            if (!table.equals(with)) {
                e.tree().violation(e.get("with", true), e.path("with"), eventType.wireName()
                        + " events are enriched with '" + table + "', not '" + with + "'");
                ok = false;
            } else if (!hasReference) {
                e.tree().violation(e.get("with", true), e.path("with"), "joins the reference table, but the scenario"
                        + " has no reference: section (add e.g. reference: {updatesPerSecond: 0})");
                ok = false;
            }
        }
        EnrichStep.Join join = e.enumValue("join", EnrichStep.Join.class, true);
        EnrichStep.OnMissing onMissing = e.has("onMissing")
                ? e.enumValue("onMissing", EnrichStep.OnMissing.class, false) : EnrichStep.DEFAULT_ON_MISSING;
        Duration history = null;
        boolean versionedOk = true;
        if (e.has("versioned")) {
            history = e.section("versioned", v -> {
                Duration h = v.duration("history", true);
                v.finish();
                return h;
            });
            versionedOk = history != null;
        }
        e.finish();
        Duration h = history;
        return !ok || join == null || onMissing == null || !versionedOk ? null
                : e.build(() -> new EnrichStep(with, join, h, onMissing));
    }

    /** {@code {field: NAME}} or {@code {fields: [NAME, ...]}}, each a field the events have at this step. */
    private static GroupByStep groupBy(YamlTree.Fields g, KnownFields known) {
        String kind = g.oneOf("field", "fields");
        List<String> fields = null;
        if ("field".equals(kind)) {
            String field = g.string("field", true);
            fields = field == null ? null : List.of(field);
            if (field != null && !knownField(g.tree(), g.get("field", true), g.path("field"), field, known)) {
                fields = null;
            }
        } else if ("fields".equals(kind)) {
            List<Node> items = g.tree().sequence(g.get("fields", true), g.path("fields"));
            if (items != null) {
                List<String> names = new ArrayList<>();
                boolean ok = true;
                for (int i = 0; i < items.size(); i++) {
                    String itemPath = g.path("fields") + "[" + i + "]";
                    String name = g.tree().string(items.get(i), itemPath);
                    ok &= name != null && knownField(g.tree(), items.get(i), itemPath, name, known);
                    names.add(name);
                }
                fields = ok ? names : null;
            }
        }
        Long salt = g.integer("salt", false);
        if (salt != null && (salt < GroupByStep.MIN_SALT || salt > GroupByStep.MAX_SALT)) {
            // salt: 1 would be a plain groupBy in the record; in a file it is a mistake worth naming
            g.tree().violation(g.get("salt", false), g.path("salt"), "must be " + GroupByStep.MIN_SALT + ".."
                    + GroupByStep.MAX_SALT + " sub-keys per key, was " + salt);
            fields = null;
        }
        g.finish();
        List<String> chosen = fields;
        int chosenSalt = salt == null || fields == null ? GroupByStep.UNSALTED : salt.intValue();
        return chosen == null ? null : g.build(() -> new GroupByStep(chosen, chosenSalt));
    }

    private static boolean knownField(YamlTree tree, Node node, String path, String field, KnownFields known) {
        if (known.eventType() == null || known.names().contains(field)) {
            return true;
        }
        String hint = known.enriched() || known.eventType() == EventType.WATERMARK ? ""
                : ReferenceSchema.of(known.eventType()).attributes().containsKey(field)
                ? " ('" + field + "' is a " + ReferenceSchema.of(known.eventType()).tableName()
                        + " attribute: enrich before the groupBy)" : "";
        tree.violation(node, path, known.eventType().wireName() + " events have no field '" + field + "'"
                + (known.enriched() ? " after enrich" : "") + "; they have " + String.join(", ", known.names()) + hint);
        return false;
    }

    /** The flat form: {@code window: {TYPE}}, with {@code grace} and {@code emit} beside it in {@code topology:}. */
    private static WindowStep flatWindowStep(YamlTree.Fields f) {
        WindowSpec window = f.section("window", w -> {
            WindowSpec type = windowType(w);
            w.finish();
            return type;
        });
        return windowStep(f, window);
    }

    /** Reads {@code grace} and {@code emit} from {@code f}; in a step list that is the window item's mapping. */
    private static WindowStep windowStep(YamlTree.Fields f, WindowSpec window) {
        Duration grace = Objects.requireNonNullElse(f.duration("grace", false), TopologySpec.DEFAULT_GRACE);
        EmitMode emit = f.has("emit") ? f.enumValue("emit", EmitMode.class, false) : TopologySpec.DEFAULT_EMIT;
        return window == null || emit == null ? null : f.build(() -> new WindowStep(window, grace, emit));
    }

    /**
     * {@code tumbling: SIZE}, {@code hopping: {size: SIZE, advance: ADVANCE}}, {@code sliding: SIZE} or
     * {@code session: {inactivityGap: GAP}}: exactly one of them in {@code f}, whose other keys the caller reads
     * and checks.
     */
    private static WindowSpec windowType(YamlTree.Fields f) {
        String kind = f.oneOf("tumbling", "hopping", "sliding", "session");
        WindowSpec result = null;
        if ("tumbling".equals(kind)) {
            Duration size = f.duration("tumbling", true);
            result = size == null ? null : f.build(() -> new WindowSpec.Tumbling(size));
        } else if ("sliding".equals(kind)) {
            Duration size = f.duration("sliding", true);
            result = size == null ? null : f.build(() -> new WindowSpec.Sliding(size));
        } else if ("hopping".equals(kind)) {
            result = f.section("hopping", h -> {
                Duration size = h.duration("size", true);
                Duration advance = h.duration("advance", true);
                h.finish();
                return size == null || advance == null ? null
                        : f.tree().build(h.node(), f.path(), () -> new WindowSpec.Hopping(size, advance));
            });
        } else if ("session".equals(kind)) {
            result = f.section("session", g -> {
                Duration gap = g.duration("inactivityGap", true);
                g.finish();
                return gap == null ? null : f.tree().build(g.node(), f.path(), () -> new WindowSpec.Session(gap));
            });
        }
        return result;
    }
}

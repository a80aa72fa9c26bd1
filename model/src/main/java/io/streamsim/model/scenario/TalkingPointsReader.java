package io.streamsim.model.scenario;

import io.streamsim.model.answer.Condition;
import io.streamsim.model.answer.ConditionSyntaxException;
import io.streamsim.model.answer.FigureCatalog;
import io.streamsim.model.answer.TalkingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code talkingPoints:}: each item a sentence, or {@code {when: CONDITION, then: SENTENCE, else: SENTENCE}}.
 * With a {@link FigureCatalog}, every placeholder and condition operand must name a figure of the summary, and a
 * non-empty list must quote at least one figure ("missing placeholder"): a list that quotes nothing says nothing
 * about the run it sits in.
 */
final class TalkingPointsReader {

    private TalkingPointsReader() {
    }

    /** The points, or null after violations; {@code catalog} null skips the figure checks. */
    static List<TalkingPoint> read(YamlTree tree, Node node, String path, FigureCatalog catalog) {
        List<Node> items = tree.items(node, path);
        if (items == null) {
            return null;
        }
        List<TalkingPoint> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            TalkingPoint p = point(tree, items.get(i), path + "[" + i + "]", catalog);
            ok &= p != null;
            out.add(p);
        }
        if (!ok) {
            return null;
        }
        if (catalog != null && !out.isEmpty() && out.stream().allMatch(p -> p.quoted().isEmpty())) {
            tree.violation(node, path, "missing placeholder: no talking point quotes a figure of the run; name one"
                    + " in braces, e.g. {latency.p99Seconds} or {totals.droppedLateKafka}");
        }
        return List.copyOf(out);
    }

    private static TalkingPoint point(YamlTree tree, Node node, String path, FigureCatalog catalog) {
        if (node instanceof ScalarNode) {
            return text(tree, node, path, catalog);
        }
        if (!(node instanceof MappingNode)) {
            tree.violation(node, path, "must be a sentence, or a mapping with when, then and else");
            return null;
        }
        YamlTree.Fields f = tree.mapping(node, path);
        Node when = f.get("when", true);
        Node then = f.get("then", true);
        Node otherwise = f.get("else", true);
        f.finish();
        Condition condition = when == null ? null : condition(tree, when, f.path("when"), catalog);
        TalkingPoint.Text t = then == null ? null : text(tree, then, f.path("then"), catalog);
        TalkingPoint.Text e = otherwise == null ? null : text(tree, otherwise, f.path("else"), catalog);
        return condition == null || t == null || e == null ? null : new TalkingPoint.Conditional(condition, t, e);
    }

    private static TalkingPoint.Text text(YamlTree tree, Node node, String path, FigureCatalog catalog) {
        String s = tree.string(node, path);
        if (s == null) {
            return null;
        }
        if (s.isBlank()) {
            tree.violation(node, path, "is empty: say something, or leave the point out");
            return null;
        }
        TalkingPoint.Text text = new TalkingPoint.Text(s);
        return checked(tree, node, path, catalog, text.quoted(), false) ? text : null;
    }

    private static Condition condition(YamlTree tree, Node node, String path, FigureCatalog catalog) {
        String s = tree.string(node, path);
        if (s == null) {
            return null;
        }
        Condition c;
        try {
            c = Condition.parse(s);
        } catch (ConditionSyntaxException e) {
            tree.violation(node, path, "cannot read the condition '" + s + "': " + e.getMessage());
            return null;
        }
        return checked(tree, node, path, catalog, c.figures(), true) ? c : null;
    }

    private static boolean checked(YamlTree tree, Node node, String path, FigureCatalog catalog, List<String> figures,
                                   boolean numbers) {
        if (catalog == null) {
            return true;
        }
        boolean ok = true;
        for (String figure : figures) {
            Optional<String> problem = catalog.problem(figure, numbers);
            if (problem.isPresent()) {
                tree.violation(node, path, "{" + figure + "}: " + problem.get());
                ok = false;
            }
        }
        return ok;
    }
}

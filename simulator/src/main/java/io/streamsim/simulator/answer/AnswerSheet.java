package io.streamsim.simulator.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamsim.model.answer.Condition;
import io.streamsim.model.answer.TalkingPoint;
import io.streamsim.model.answer.Truth;
import io.streamsim.simulator.run.RunSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A run's short answer: the scenario's talking points with this run's figures filled in and each conditional
 * resolved to the branch the figures support. A figure that is null in the run (the oracle did not run, a lag that
 * never recovered) reads "not measured"; a condition over such a figure prints neither branch but says that it
 * could not be decided, and why.
 */
public final class AnswerSheet {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** How a line came about: a plain sentence, a conclusion the figures support, or a condition not decided. */
    public enum Kind { STATED, CONCLUDED, UNDECIDED }

    /**
     * One line of the answer as parts: plain text, and figures ({@code figure} its path) as they read.
     */
    public record Line(Kind kind, List<Part> parts) {
        public Line {
            parts = List.copyOf(parts);
        }

        public String text() {
            StringBuilder b = new StringBuilder();
            parts.forEach(p -> b.append(p.text()));
            return b.toString();
        }
    }

    /** Plain text ({@code figure} null), or a figure's value as it reads ({@link FigureFormat#NOT_MEASURED}). */
    public record Part(String text, String figure) {
        public boolean measured() {
            return figure == null || !text.equals(FigureFormat.NOT_MEASURED);
        }
    }

    private AnswerSheet() {
    }

    /** The answer of {@code points} over {@code summary}'s figures. */
    public static List<Line> of(List<TalkingPoint> points, RunSummary summary) {
        JsonNode tree = JSON.valueToTree(summary);
        List<Line> out = new ArrayList<>();
        for (TalkingPoint p : points) {
            out.add(line(p, tree));
        }
        return List.copyOf(out);
    }

    static Line line(TalkingPoint point, JsonNode tree) {
        if (point instanceof TalkingPoint.Text t) {
            return fill(Kind.STATED, t.template(), tree);
        }
        TalkingPoint.Conditional c = (TalkingPoint.Conditional) point;
        Truth truth = c.when().evaluate(path -> number(lookup(tree, path)));
        return switch (truth) {
            case TRUE -> fill(Kind.CONCLUDED, c.then().template(), tree);
            case FALSE -> fill(Kind.CONCLUDED, c.otherwise().template(), tree);
            case UNDECIDED -> undecided(c.when(), tree);
        };
    }

    private static Line undecided(Condition when, JsonNode tree) {
        List<String> missing = when.figures().stream().filter(f -> number(lookup(tree, f)) == null).distinct().toList();
        String text = "Not decided: whether " + when + " (not measured in this run: " + String.join(", ", missing)
                + ").";
        return new Line(Kind.UNDECIDED, List.of(new Part(text, null)));
    }

    private static Line fill(Kind kind, String template, JsonNode tree) {
        Matcher m = TalkingPoint.PLACEHOLDER.matcher(template);
        List<Part> parts = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Part(template.substring(last, m.start()), null));
            }
            String path = m.group(1);
            parts.add(new Part(FigureFormat.format(path, lookup(tree, path)), path));
            last = m.end();
        }
        if (last < template.length()) {
            parts.add(new Part(template.substring(last), null));
        }
        return new Line(kind, parts);
    }

    /** Prints the answer under the prompt, one point a line, for the console at the end of a run. */
    public static void print(PrintWriter out, String prompt, List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println("Answer" + (prompt == null || prompt.isBlank() ? ":" : " to \"" + prompt + "\":"));
        for (Line l : lines) {
            out.println("  - " + l.text());
        }
        out.flush();
    }

    /** The value at a dotted path (list indices as numbers); null when it is absent, null or not a plain value. */
    static JsonNode lookup(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            if (node.isArray() && !part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                node = node.get(Integer.parseInt(part));
            } else if (node.isObject()) {
                node = node.get(part);
            } else {
                return null;
            }
        }
        return node == null || node.isContainerNode() || node.isMissingNode() || node.isNull() ? null : node;
    }

    private static Double number(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? 1.0 : 0.0;
        }
        if (value.isNumber()) {
            double v = value.asDouble();
            return Double.isNaN(v) ? null : v;
        }
        return null;
    }
}

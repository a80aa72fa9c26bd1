package io.streamsim.model.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One talking point of a scenario: a sentence that quotes figures of the run ({@link Text}), or a conclusion
 * printed only when the run's figures support it, with the other branch said as plainly ({@link Conditional}).
 * A placeholder is {@code {a.b.0.c}}, a dotted path of {@code summary.json} (list indices as numbers); braces
 * around anything else ({@code records.dropped{reason=duplicate}}) are plain text.
 */
public sealed interface TalkingPoint permits TalkingPoint.Text, TalkingPoint.Conditional {

    /** {@code {a.b.0.c}}: a dotted path of names and list indices. */
    Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)}");

    /** The figure paths this point quotes in its text (either branch), in order. */
    List<String> quoted();

    /** Every figure path this point names: quoted ones and those its condition tests. */
    List<String> figures();

    /** The point as a scenario file says it, on one line. */
    String source();

    /** A sentence with placeholders. */
    record Text(String template) implements TalkingPoint {
        public Text {
            Objects.requireNonNull(template, "template");
        }

        @Override
        public List<String> quoted() {
            List<String> out = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                out.add(m.group(1));
            }
            return List.copyOf(out);
        }

        @Override
        public List<String> figures() {
            return quoted();
        }

        @Override
        public String source() {
            return template;
        }
    }

    /**
     * {@code then} when {@code when} holds for the run's figures, {@code otherwise} when it does not; neither when a
     * figure it tests was not measured in the run.
     */
    record Conditional(Condition when, Text then, Text otherwise) implements TalkingPoint {
        public Conditional {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(then, "then");
            Objects.requireNonNull(otherwise, "else");
        }

        @Override
        public List<String> quoted() {
            List<String> out = new ArrayList<>(then.quoted());
            out.addAll(otherwise.quoted());
            return List.copyOf(out);
        }

        @Override
        public List<String> figures() {
            List<String> out = new ArrayList<>(when.figures());
            out.addAll(quoted());
            return List.copyOf(out);
        }

        @Override
        public String source() {
            return "when " + when + ": " + then.template() + " | else: " + otherwise.template();
        }
    }
}

package io.streamsim.model.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A test on a run's figures, as a talking point's {@code when:} says it: comparisons of a figure with a number or
 * another figure, optionally times a number factor, joined by {@code and} / {@code or} (and binds tighter) with
 * parentheses, e.g. {@code phases.1.sentPerSecond >= 0.95 * phases.1.targetEventsPerSecond and
 * latency.maxScheduleLagSeconds < 1}. Booleans compare as 1 and 0 ({@code checks.drained == true}).
 */
public sealed interface Condition permits Condition.Compare, Condition.And, Condition.Or {

    /** The value over the figures; {@code figures} gives null for one not measured in the run. */
    Truth evaluate(Function<String, Double> figures);

    /** The figure paths it tests, in order. */
    List<String> figures();

    /** Parses {@code text}; see the interface for the grammar. */
    static Condition parse(String text) {
        return new ConditionParser(text).parse();
    }

    /** {@code factor * figure}, or the constant {@code factor} when {@code figure} is null. */
    record Operand(double factor, String figure) {
        public static Operand number(double value) {
            return new Operand(value, null);
        }

        public static Operand figure(double factor, String path) {
            return new Operand(factor, Objects.requireNonNull(path, "path"));
        }

        Double value(Function<String, Double> figures) {
            if (figure == null) {
                return factor;
            }
            Double v = figures.apply(figure);
            return v == null || v.isNaN() ? null : factor * v;
        }

        @Override
        public String toString() {
            if (figure == null) {
                return show(factor);
            }
            return factor == 1 ? figure : show(factor) + " * " + figure;
        }

        private static String show(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                    : String.format(Locale.ROOT, "%s", v);
        }
    }

    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double a, double b) {
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                case EQ -> a == b;
                case NE -> a != b;
            };
        }
    }

    record Compare(Operand left, Op op, Operand right) implements Condition {
        public Compare {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public Truth evaluate(Function<String, Double> figures) {
            Double a = left.value(figures);
            Double b = right.value(figures);
            return a == null || b == null ? Truth.UNDECIDED : Truth.of(op.test(a, b));
        }

        @Override
        public List<String> figures() {
            List<String> out = new ArrayList<>(2);
            if (left.figure() != null) {
                out.add(left.figure());
            }
            if (right.figure() != null) {
                out.add(right.figure());
            }
            return List.copyOf(out);
        }

        @Override
        public String toString() {
            return left + " " + op.symbol + " " + right;
        }
    }

    /** The figures two operands name, the left's first. */
    private static List<String> both(Condition left, Condition right) {
        List<String> out = new ArrayList<>(left.figures());
        out.addAll(right.figures());
        return List.copyOf(out);
    }

    record And(Condition left, Condition right) implements Condition {
        @Override
        public Truth evaluate(Function<String, Double> figures) {
            return left.evaluate(figures).and(right.evaluate(figures));
        }

        @Override
        public List<String> figures() {
            return both(left, right);
        }

        @Override
        public String toString() {
            return group(left, this) + " and " + group(right, this);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public Truth evaluate(Function<String, Double> figures) {
            return left.evaluate(figures).or(right.evaluate(figures));
        }

        @Override
        public List<String> figures() {
            return both(left, right);
        }

        @Override
        public String toString() {
            return left + " or " + right;
        }
    }

    private static String group(Condition c, Condition parent) {
        return c instanceof Or && parent instanceof And ? "(" + c + ")" : c.toString();
    }
}

package io.streamsim.model.answer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive descent over {@link Condition}'s grammar:
 * <pre>
 * or      := and ('or' and)*
 * and     := primary ('and' primary)*
 * primary := '(' or ')' | operand op operand
 * operand := number ['*' path] | path ['*' number] | 'true' | 'false'
 * op      := '<' | '<=' | '>' | '>=' | '==' | '!='
 * </pre>
 * Numbers may use {@code _} between digits ({@code 40_000}). Errors name what was expected and the column.
 */
final class ConditionParser {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    private static final Pattern OP = Pattern.compile("<=|>=|==|!=|<|>");

    private final String text;
    private int pos;

    ConditionParser(String text) {
        this.text = text;
    }

    Condition parse() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("the condition is empty: write a comparison such as latency.p99Seconds < 10");
        }
        Condition c = or();
        skipSpace();
        if (pos < text.length()) {
            throw error("expected 'and', 'or' or the end after " + quote(text.substring(0, pos).trim())
                    + ", found " + found());
        }
        return c;
    }

    private Condition or() {
        Condition left = and();
        while (keyword("or")) {
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = primary();
        while (keyword("and")) {
            left = new Condition.And(left, primary());
        }
        return left;
    }

    private Condition primary() {
        skipSpace();
        if (peek('(')) {
            pos++;
            Condition inner = or();
            skipSpace();
            if (!peek(')')) {
                throw error("expected ')' or 'and'/'or', found " + found());
            }
            pos++;
            return inner;
        }
        Condition.Operand left = operand("a figure or a number");
        skipSpace();
        Matcher m = OP.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            throw error("expected a comparison (<, <=, >, >=, ==, !=) after '" + left + "', found " + found());
        }
        pos = m.end();
        Condition.Op op = switch (m.group()) {
            case "<" -> Condition.Op.LT;
            case "<=" -> Condition.Op.LE;
            case ">" -> Condition.Op.GT;
            case ">=" -> Condition.Op.GE;
            case "==" -> Condition.Op.EQ;
            default -> Condition.Op.NE;
        };
        Condition.Operand right = operand("a figure or a number after '" + m.group() + "'");
        if (left.figure() == null && right.figure() == null) {
            throw error("compares two numbers: at least one side must name a figure");
        }
        return new Condition.Compare(left, op, right);
    }

    private Condition.Operand operand(String expected) {
        skipSpace();
        Double number = number();
        if (number != null) {
            if (times()) {
                String path = path();
                if (path == null) {
                    throw error("expected a figure after '*', found " + found());
                }
                return Condition.Operand.figure(number, path);
            }
            return Condition.Operand.number(number);
        }
        String path = path();
        if (path == null) {
            throw error("expected " + expected + ", found " + found());
        }
        if (path.equals("true") || path.equals("false")) {
            return Condition.Operand.number(path.equals("true") ? 1 : 0);
        }
        if (path.equals("and") || path.equals("or")) {
            throw error("expected " + expected + ", found '" + path + "'");
        }
        if (times()) {
            Double factor = number();
            if (factor == null) {
                throw error("expected a number after '*' (one side of a product must be a number), found " + found());
            }
            return Condition.Operand.figure(factor, path);
        }
        return Condition.Operand.figure(1, path);
    }

    private boolean times() {
        skipSpace();
        if (peek('*')) {
            pos++;
            skipSpace();
            return true;
        }
        return false;
    }

    private Double number() {
        Matcher m = NUMBER.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            return null;
        }
        String t = m.group().replace("_", "");
        pos = m.end();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw error("not a number: '" + m.group() + "'");
        }
    }

    private String path() {
        Matcher m = PATH.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            return null;
        }
        pos = m.end();
        return m.group();
    }

    private boolean keyword(String word) {
        skipSpace();
        if (text.startsWith(word, pos)) {
            int end = pos + word.length();
            if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_') {
                pos = end;
                return true;
            }
        }
        return false;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private String found() {
        if (pos >= text.length()) {
            return "the end";
        }
        int end = pos + 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && end - pos < 20) {
            end++;
        }
        return "'" + text.substring(pos, end) + "'";
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    private ConditionSyntaxException error(String message) {
        return new ConditionSyntaxException(pos + 1, message);
    }
}

package io.streamsim.model.answer;

/** A condition that does not parse: what was expected, at which 1-based column of the condition. */
public final class ConditionSyntaxException extends IllegalArgumentException {

    private final int column;

    ConditionSyntaxException(int column, String message) {
        super(message + " (column " + column + ")");
        this.column = column;
    }

    public int column() {
        return column;
    }
}

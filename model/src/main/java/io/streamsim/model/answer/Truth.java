package io.streamsim.model.answer;

/**
 * A condition's value over a run's figures: {@link #UNDECIDED} when a figure it needs was not measured (null or not
 * a number in that run). {@code and}/{@code or} follow Kleene's three-valued logic: {@code false and ?} is false,
 * {@code true or ?} is true, so a figure that cannot change the outcome does not make it undecided.
 */
public enum Truth {
    TRUE, FALSE, UNDECIDED;

    static Truth of(boolean b) {
        return b ? TRUE : FALSE;
    }

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNDECIDED;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNDECIDED;
    }
}

package io.streamsim.model.oracle;

import io.streamsim.model.SequenceMeasure;
import java.util.Objects;

/**
 * What the final result of one window must be, in the units of {@link io.streamsim.model.WindowResult}.
 *
 * @param count      records aggregated into the window (a duplicate event counts again, as in the app)
 * @param sum        sum of their {@link io.streamsim.model.Event#aggregatedValue()}
 * @param idChecksum wrapping sum of {@link io.streamsim.model.WindowResult#idHash(long)} over their ids
 * @param endMs      the window's end in epoch millis, as the app writes it: exclusive for aligned windows,
 *                   inclusive for sliding windows and sessions (a session of one record ends where it starts)
 * @param sequence   views and purchases among them ({@link SequenceMeasure#NONE} when none)
 */
public record ExpectedWindow(long count, long sum, long idChecksum, long endMs, SequenceMeasure sequence) {

    public ExpectedWindow {
        Objects.requireNonNull(sequence, "sequence");
    }

    /** A window without views or purchases. */
    public ExpectedWindow(long count, long sum, long idChecksum, long endMs) {
        this(count, sum, idChecksum, endMs, SequenceMeasure.NONE);
    }
}

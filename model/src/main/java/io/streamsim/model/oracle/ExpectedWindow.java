package io.streamsim.model.oracle;

/**
 * What the final result of one window must be, in the units of {@link io.streamsim.model.WindowResult}.
 *
 * @param count      records aggregated into the window (a duplicate event counts again, as in the app)
 * @param sum        sum of their {@link io.streamsim.model.Event#aggregatedValue()}
 * @param idChecksum wrapping sum of {@link io.streamsim.model.WindowResult#idHash(long)} over their ids
 */
public record ExpectedWindow(long count, long sum, long idChecksum) {
}

package io.streamsim.model.scenario;

/** When window results are written to the output topic. */
public enum EmitMode {
    /** Every update of a window, as records arrive (subject to the Streams record cache). */
    EAGER,
    /** One result per window, once stream time passes its end plus grace ({@code suppress(untilWindowCloses)}). */
    FINAL
}

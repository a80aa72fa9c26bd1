package io.streamsim.model.scenario;

import java.time.Duration;

/**
 * What a run must show, checked at its end; a failed expectation has its own exit code. Every field is
 * optional (null: not checked).
 *
 * @param oracle                 {@code EXACT}: every window result exactly right; {@code NO_LOSS}: no contribution
 *                               missing, contributions counted twice allowed and reported (at-least-once)
 * @param maxDroppedLateFraction records dropped as late over records processed
 * @param maxP99EndToEndLatency  p99 of end-to-end latency over all results
 * @param maxRecoveryTime        for every fault, the time until lag is back to its pre-fault level
 * @param deadLettersEqualPoison the dead-letter topic holds exactly the poison records written
 */
public record ExpectSpec(
        OracleExpectation oracle,
        Double maxDroppedLateFraction,
        Duration maxP99EndToEndLatency,
        Duration maxRecoveryTime,
        Boolean deadLettersEqualPoison) {

    public static final ExpectSpec NONE = new ExpectSpec(null, null, null, null, null);

    /** How right the window results must be. */
    public enum OracleExpectation {
        EXACT,
        NO_LOSS
    }

    public ExpectSpec {
        Checks checks = Checks.at("");
        if (maxDroppedLateFraction != null) {
            checks.fraction("droppedLateFraction.max", maxDroppedLateFraction);
        }
        if (maxP99EndToEndLatency != null) {
            checks.positive("p99EndToEndLatency.max", maxP99EndToEndLatency);
        }
        if (maxRecoveryTime != null) {
            checks.positive("recoveryTime.max", maxRecoveryTime);
        }
        checks.done();
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}

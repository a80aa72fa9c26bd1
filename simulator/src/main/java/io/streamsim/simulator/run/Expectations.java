package io.streamsim.simulator.run;

import io.streamsim.model.scenario.Durations;
import io.streamsim.model.scenario.ExpectSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks a scenario's {@code expect:} against what the run measured. */
final class Expectations {

    /**
     * What the expectations are checked against.
     *
     * @param oracleVerdict       the oracle's verdict, or null when it did not run
     * @param droppedLateFraction (record, window) pairs dropped late over records aggregated, Kafka's count
     */
    record Measured(String oracleVerdict, boolean oracleExact, boolean oracleNoLoss, double droppedLateFraction,
                    double p99EndToEndSeconds, List<RunSummary.FaultRecovery> recoveries, long poisonWritten,
                    long deadLettered) {
    }

    private Expectations() {
    }

    static List<RunSummary.ExpectationResult> check(ExpectSpec expect, Measured m) {
        List<RunSummary.ExpectationResult> results = new ArrayList<>();
        if (expect.oracle() != null) {
            boolean met = m.oracleVerdict() != null
                    && (expect.oracle() == ExpectSpec.OracleExpectation.EXACT ? m.oracleExact() : m.oracleNoLoss());
            results.add(new RunSummary.ExpectationResult("oracle",
                    expect.oracle() == ExpectSpec.OracleExpectation.EXACT ? "exact" : "no loss (duplicates allowed)",
                    m.oracleVerdict() == null ? "oracle did not run" : m.oracleVerdict(), met));
        }
        if (expect.maxDroppedLateFraction() != null) {
            results.add(new RunSummary.ExpectationResult("droppedLateFraction",
                    "<= " + fraction(expect.maxDroppedLateFraction()), fraction(m.droppedLateFraction()),
                    m.droppedLateFraction() <= expect.maxDroppedLateFraction()));
        }
        if (expect.maxP99EndToEndLatency() != null) {
            double max = expect.maxP99EndToEndLatency().toNanos() / 1e9;
            results.add(new RunSummary.ExpectationResult("p99EndToEndLatency",
                    "<= " + Durations.format(expect.maxP99EndToEndLatency()), seconds(m.p99EndToEndSeconds()),
                    !Double.isNaN(m.p99EndToEndSeconds()) && m.p99EndToEndSeconds() <= max));
        }
        if (expect.maxRecoveryTime() != null) {
            double max = expect.maxRecoveryTime().toNanos() / 1e9;
            for (RunSummary.FaultRecovery r : m.recoveries()) {
                Double took = r.lagRecoveredAfterSeconds();
                results.add(new RunSummary.ExpectationResult("recoveryTime (" + r.fault() + ")",
                        "<= " + Durations.format(expect.maxRecoveryTime()),
                        took == null ? "lag did not recover" : seconds(took), took != null && took <= max));
            }
        }
        if (Boolean.TRUE.equals(expect.deadLettersEqualPoison())) {
            results.add(new RunSummary.ExpectationResult("deadLetters", "= poison written (" + m.poisonWritten() + ")",
                    String.valueOf(m.deadLettered()), m.deadLettered() == m.poisonWritten()));
        }
        return results;
    }

    private static String fraction(double f) {
        return String.format(Locale.ROOT, "%.4f", f);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "none measured" : String.format(Locale.ROOT, "%.2fs", s);
    }
}

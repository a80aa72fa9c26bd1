package io.streamsim.bench.pipeline;

import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Finds the highest sustainable rate as OpenMessaging Benchmark's rate finder does: step the rate up by
 * {@code factor} from {@code startRate} until a probe fails (or down by it while the very first probes fail), then
 * bisect between the last good and the first bad rate until they are within {@code precision} of each other or
 * {@code maxProbes} have been run. Start 10,000/s, factor 2, precision 0.1: 10k ok, 20k ok, 40k ok, 80k fails, then
 * 60k, 50k or 70k, ... until bad / good <= 1.1.
 *
 * <p>Rates are rounded to a step of 1% of their magnitude (10,000 -> multiples of 100) so that printed figures stay
 * readable; a midpoint that rounds onto an end ends the search.
 */
final class RateFinder {

    private final double startRate;
    private final double factor;
    private final double precision;
    private final int maxProbes;
    private final double minRate;
    private double good;
    private double bad = Double.POSITIVE_INFINITY;
    private int probes;
    private final TreeSet<Double> held = new TreeSet<>();
    private final TreeSet<Double> failed = new TreeSet<>();

    RateFinder(double startRate, double factor, double precision, int maxProbes, double minRate) {
        if (startRate <= 0 || factor <= 1 || precision <= 0 || maxProbes < 1 || minRate <= 0) {
            throw new IllegalArgumentException(
                    "startRate, precision and minRate must be > 0, factor > 1, maxProbes >= 1");
        }
        this.startRate = startRate;
        this.factor = factor;
        this.precision = precision;
        this.maxProbes = maxProbes;
        this.minRate = minRate;
    }

    /** The next rate to probe, or empty when the search is over. */
    OptionalDouble next() {
        if (probes >= maxProbes) {
            return OptionalDouble.empty();
        }
        if (probes == 0) {
            return OptionalDouble.of(round(startRate));
        }
        if (bad == Double.POSITIVE_INFINITY) {
            return OptionalDouble.of(round(good * factor));
        }
        if (good == 0) {
            double lower = round(bad / factor);
            return lower < minRate ? OptionalDouble.empty() : OptionalDouble.of(lower);
        }
        if (bad / good <= 1 + precision) {
            return OptionalDouble.empty();
        }
        double middle = round((good + bad) / 2);
        return middle <= good || middle >= bad ? OptionalDouble.empty() : OptionalDouble.of(middle);
    }

    /**
     * What a probe at {@code rate} showed. Results that contradict earlier ones (noise: a rate fails below one
     * that held) are settled by the latest: the bracket is rebuilt from all results so that good < bad.
     */
    void record(double rate, boolean sustainable) {
        probes++;
        (sustainable ? held : failed).add(rate);
        if (sustainable) {
            good = Math.max(good, rate);
            Double above = failed.higher(good);
            bad = above == null ? Double.POSITIVE_INFINITY : above;
        } else {
            bad = Math.min(bad, rate);
            Double below = held.lower(bad);
            good = below == null ? 0 : below;
        }
    }

    /** The highest rate that held, 0 when none did. */
    double maxSustainable() {
        return good;
    }

    /** The lowest rate that failed above the best good one, infinity when none did. */
    double firstFailing() {
        return bad;
    }

    int probes() {
        return probes;
    }

    /** Whether the search ended by bracketing the rate within the precision (not by running out of probes). */
    boolean converged() {
        return good > 0 && bad != Double.POSITIVE_INFINITY && bad / good <= 1 + precision;
    }

    static double round(double rate) {
        double step = Math.pow(10, Math.floor(Math.log10(rate)) - 2);
        return Math.max(step, Math.round(rate / step) * step);
    }
}

package io.streamsim.producers;

import java.util.SplittableRandom;

/**
 * Exact Zipf over ranks {@code 1..keys}: rank k with probability {@code k^-exponent / H(keys, exponent)}; rank 1
 * is key index 0. Sampling inverts a precomputed cumulative table by binary search (O(log keys), no
 * approximation), at 8 bytes of table per key.
 */
public final class ZipfKeys implements KeySampler {

    private final double[] cumulative;

    public ZipfKeys(int keys, double exponent) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be >= 1, was " + keys);
        }
        if (!(exponent > 0)) {
            throw new IllegalArgumentException("exponent must be > 0, was " + exponent);
        }
        cumulative = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++) {
            sum += Math.pow(k + 1, -exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < keys; k++) {
            cumulative[k] /= sum;
        }
        // Rounding must never leave a tail that no draw in [0, 1) can reach, nor one it can overrun.
        cumulative[keys - 1] = 1.0;
    }

    @Override
    public int next(SplittableRandom random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The probability of key index {@code index} (rank {@code index + 1}). */
    public double probability(int index) {
        return index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1];
    }
}

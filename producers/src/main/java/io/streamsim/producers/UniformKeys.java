package io.streamsim.producers;

import java.util.SplittableRandom;

/** Every key index equally likely. */
public final class UniformKeys implements KeySampler {

    private final int keys;

    public UniformKeys(int keys) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be >= 1, was " + keys);
        }
        this.keys = keys;
    }

    @Override
    public int next(SplittableRandom random) {
        return random.nextInt(keys);
    }
}

package io.streamsim.producers;

import io.streamsim.model.scenario.KeyDistribution;
import java.util.SplittableRandom;

/** Draws key indices in {@code [0, keys)}; implementations are immutable, so one instance serves all threads. */
public interface KeySampler {

    int next(SplittableRandom random);

    static KeySampler of(KeyDistribution distribution, int keys) {
        if (distribution instanceof KeyDistribution.Zipf z) {
            return new ZipfKeys(keys, z.exponent());
        }
        if (distribution instanceof KeyDistribution.Hotspot h) {
            return new HotspotKeys(keys, h.keyFraction(), h.trafficFraction());
        }
        return new UniformKeys(keys);
    }
}

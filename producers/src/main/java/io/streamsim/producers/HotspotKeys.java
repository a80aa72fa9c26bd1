package io.streamsim.producers;

import java.util.SplittableRandom;

/**
 * A hot set: the first {@code floor(keyFraction * keys)} key indices get {@code trafficFraction} of the draws,
 * uniformly among themselves; the other keys share the rest uniformly.
 */
public final class HotspotKeys implements KeySampler {

    private final int keys;
    private final int hotKeys;
    private final double trafficFraction;

    public HotspotKeys(int keys, double keyFraction, double trafficFraction) {
        int hot = (int) Math.floor(keyFraction * keys);
        if (hot < 1 || hot >= keys) {
            throw new IllegalArgumentException("keyFraction " + keyFraction + " of " + keys
                    + " keys must select at least one key and leave at least one, selects " + hot);
        }
        if (!(trafficFraction >= 0 && trafficFraction <= 1)) {
            throw new IllegalArgumentException("trafficFraction must be in [0, 1], was " + trafficFraction);
        }
        this.keys = keys;
        this.hotKeys = hot;
        this.trafficFraction = trafficFraction;
    }

    public int hotKeys() {
        return hotKeys;
    }

    @Override
    public int next(SplittableRandom random) {
        if (random.nextDouble() < trafficFraction) {
            return random.nextInt(hotKeys);
        }
        return hotKeys + random.nextInt(keys - hotKeys);
    }
}

package io.streamsim.producers;

import io.streamsim.model.scenario.DelayDistribution;
import java.time.Duration;
import java.util.SplittableRandom;

/** How far a late event's event time lies behind its due time, in nanoseconds, never above the cap. */
public sealed interface DelaySampler {

    long nextNanos(SplittableRandom random);

    /** A sampler for {@code distribution} whose draws are capped at {@code maxDelay} ({@code DisorderSpec.maxDelay}). */
    static DelaySampler of(DelayDistribution distribution, Duration maxDelay) {
        long cap = maxDelay.toNanos();
        if (distribution instanceof DelayDistribution.Fixed f) {
            return new Fixed(Math.min(f.delay().toNanos(), cap));
        }
        if (distribution instanceof DelayDistribution.Uniform u) {
            return new Uniform(u.min().toNanos(), u.max().toNanos(), cap);
        }
        if (distribution instanceof DelayDistribution.Exponential e) {
            return new Exponential(e.mean().toNanos(), cap);
        }
        throw new IllegalArgumentException("unknown delay distribution " + distribution);
    }

    /** Always the same delay. */
    record Fixed(long delayNanos) implements DelaySampler {
        @Override
        public long nextNanos(SplittableRandom random) {
            return delayNanos;
        }
    }

    /** Uniform in {@code [minNanos, maxNanos)}, then capped. */
    record Uniform(long minNanos, long maxNanos, long capNanos) implements DelaySampler {
        @Override
        public long nextNanos(SplittableRandom random) {
            return Math.min(random.nextLong(minNanos, maxNanos), capNanos);
        }
    }

    /** Exponential with the given mean, then capped: the cap is where its long tail is cut. */
    record Exponential(long meanNanos, long capNanos) implements DelaySampler {
        @Override
        public long nextNanos(SplittableRandom random) {
            double delay = -meanNanos * Math.log(1.0 - random.nextDouble());
            return delay >= capNanos ? capNanos : (long) delay;
        }
    }
}

package io.streamsim.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamsim.model.scenario.DelayDistribution;
import io.streamsim.model.scenario.KeyDistribution;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeySamplerTest {

    private static final int SAMPLES = 200_000;

    private static long[] histogram(KeySampler sampler, int keys, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] counts = new long[keys];
        for (int i = 0; i < SAMPLES; i++) {
            counts[sampler.next(random)]++;
        }
        return counts;
    }

    @Test
    void of_eachDistribution_givesItsNamedSampler() {
        assertThat(KeySampler.of(new KeyDistribution.Uniform(), 10)).isInstanceOf(UniformKeys.class);
        assertThat(KeySampler.of(new KeyDistribution.Zipf(1.1), 10)).isInstanceOf(ZipfKeys.class);
        assertThat(KeySampler.of(new KeyDistribution.Hotspot(0.1, 0.9), 10)).isInstanceOf(HotspotKeys.class);
    }

    @Test
    void zipf_rank1OverRank2_isTwoToTheExponent() {
        for (double s : new double[] {0.8, 1.1, 1.5}) {
            long[] counts = histogram(new ZipfKeys(1_000, s), 1_000, 17);
            double ratio = counts[0] / (double) counts[1];
            assertThat(ratio).as("exponent %s", s).isCloseTo(Math.pow(2, s), within(0.05 * Math.pow(2, s)));
        }
    }

    @Test
    void zipf_probabilities_sumToOneAndFallWithRank() {
        ZipfKeys zipf = new ZipfKeys(500, 1.1);
        double sum = 0;
        for (int k = 0; k < 500; k++) {
            sum += zipf.probability(k);
            if (k > 0) {
                assertThat(zipf.probability(k)).isLessThan(zipf.probability(k - 1));
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void zipf_singleKey_alwaysIndexZero() {
        SplittableRandom random = new SplittableRandom(1);
        ZipfKeys zipf = new ZipfKeys(1, 1.1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(zipf.next(random)).isZero();
        }
    }

    @Test
    void uniform_chiSquare_isBelowBound() {
        int keys = 100;
        long[] counts = histogram(new UniformKeys(keys), keys, 23);
        double expected = SAMPLES / (double) keys;
        double chiSquare = 0;
        for (long c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        // 99 degrees of freedom: mean 99, sd 14; 170 is five sd out.
        assertThat(chiSquare).isLessThan(170);
    }

    @Test
    void hotspot_hotShare_isTrafficFraction() {
        int keys = 500;
        HotspotKeys hotspot = new HotspotKeys(keys, 0.02, 0.5);
        assertThat(hotspot.hotKeys()).isEqualTo(10);
        long[] counts = histogram(hotspot, keys, 29);
        long hot = 0;
        for (int k = 0; k < 10; k++) {
            hot += counts[k];
        }
        assertThat(hot / (double) SAMPLES).isCloseTo(0.5, within(0.01));
        // Within each set, uniform: a hot key gets ~ 0.5/10 and a cold one ~ 0.5/490.
        assertThat(counts[3] / (double) SAMPLES).isCloseTo(0.05, within(0.005));
        assertThat(counts[400] / (double) SAMPLES).isCloseTo(0.5 / 490, within(0.0005));
    }

    @Test
    void delay_fixed_isCappedAtMaxDelay() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(DelaySampler.of(new DelayDistribution.Fixed(Duration.ofSeconds(3)), Duration.ofSeconds(5))
                .nextNanos(random)).isEqualTo(3_000_000_000L);
        assertThat(DelaySampler.of(new DelayDistribution.Fixed(Duration.ofSeconds(8)), Duration.ofSeconds(5))
                .nextNanos(random)).isEqualTo(5_000_000_000L);
    }

    @Test
    void delay_uniform_staysWithinMinAndCap() {
        SplittableRandom random = new SplittableRandom(2);
        DelaySampler sampler = DelaySampler.of(
                new DelayDistribution.Uniform(Duration.ofSeconds(1), Duration.ofSeconds(10)), Duration.ofSeconds(6));
        long atCap = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long d = sampler.nextNanos(random);
            assertThat(d).isBetween(1_000_000_000L, 6_000_000_000L);
            if (d == 6_000_000_000L) {
                atCap++;
            }
        }
        assertThat(atCap / (double) SAMPLES).isCloseTo(4 / 9.0, within(0.01));
    }

    @Test
    void delay_exponential_hasItsMeanBelowTheCap() {
        SplittableRandom random = new SplittableRandom(3);
        DelaySampler sampler = DelaySampler.of(new DelayDistribution.Exponential(Duration.ofSeconds(1)),
                Duration.ofSeconds(100));
        double sum = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long d = sampler.nextNanos(random);
            assertThat(d).isBetween(0L, 100_000_000_000L);
            sum += d;
        }
        assertThat(sum / SAMPLES / 1e9).isCloseTo(1.0, within(0.02));
    }
}

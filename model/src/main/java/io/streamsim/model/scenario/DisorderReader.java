package io.streamsim.model.scenario;

import java.time.Duration;

/** Reads {@code disorder:}, its {@code delay} distribution included; absent, it is {@link DisorderSpec#NONE}. */
final class DisorderReader {

    private DisorderReader() {
    }

    static DisorderSpec read(YamlTree.Fields f) {
        Double lateFraction = f.number("lateFraction", true);
        DelayDistribution delay = f.section("delay", DisorderReader::delay);
        Duration maxDelay = f.duration("maxDelay", false);
        f.finish();
        if (lateFraction == null || delay == null) {
            return null;
        }
        Duration max = maxDelay != null ? maxDelay : delay.naturalMax();
        return f.build(() -> new DisorderSpec(lateFraction, delay, max));
    }

    private static DelayDistribution delay(YamlTree.Fields f) {
        String kind = f.oneOf("fixed", "uniform", "exponential");
        DelayDistribution result = null;
        if ("fixed".equals(kind)) {
            Duration d = f.duration("fixed", true);
            result = d == null ? null : f.build(() -> new DelayDistribution.Fixed(d));
        } else if ("uniform".equals(kind)) {
            result = f.section("uniform", u -> {
                Duration min = u.duration("min", true);
                Duration max = u.duration("max", true);
                u.finish();
                return min == null || max == null ? null
                        : f.tree().build(u.node(), f.path(), () -> new DelayDistribution.Uniform(min, max));
            });
        } else if ("exponential".equals(kind)) {
            result = f.section("exponential", e -> {
                Duration mean = e.duration("mean", true);
                e.finish();
                return mean == null ? null
                        : f.tree().build(e.node(), f.path(), () -> new DelayDistribution.Exponential(mean));
            });
        }
        f.finish();
        return result;
    }
}

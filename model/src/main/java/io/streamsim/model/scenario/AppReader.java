package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * Reads {@code app:}, its {@code autoscale} lag rule included; what it leaves out, or the whole section, is
 * {@link AppSpec#DEFAULT}'s.
 */
final class AppReader {

    private AppReader() {
    }

    static AppSpec read(YamlTree.Fields f) {
        long instances = Objects.requireNonNullElse(f.integer("instances", false), (long) AppSpec.DEFAULT.instances());
        long threads = Objects.requireNonNullElse(f.integer("threadsPerInstance", false),
                (long) AppSpec.DEFAULT.threadsPerInstance());
        Duration sessionTimeout = f.duration("sessionTimeout", false);
        YamlTree.Fields a = f.fields("autoscale", false);
        // An autoscale that is not a mapping has been reported; the instances are still checked without it.
        Autoscale autoscale = a == null ? Autoscale.NONE : autoscale(a);
        f.finish();
        if (autoscale.unreadable()) {
            return null;
        }
        AutoscaleSpec rule = autoscale.rule();
        return f.build(() -> new AppSpec(YamlTree.clampInt(instances), YamlTree.clampInt(threads), sessionTimeout,
                rule));
    }

    /** The lag rule, or none ({@code rule} null); {@code unreadable} when it is given but wrong. */
    private record Autoscale(AutoscaleSpec rule, boolean unreadable) {
        static final Autoscale NONE = new Autoscale(null, false);
    }

    private static Autoscale autoscale(YamlTree.Fields a) {
        Long lagAbove = a.integer("lagAbove", true);
        Duration sustained = a.duration("for", true);
        Long max = a.integer("maxInstances", true);
        Duration cooldown = Objects.requireNonNullElse(a.duration("cooldown", false), AutoscaleSpec.DEFAULT_COOLDOWN);
        a.finish();
        if (lagAbove == null || sustained == null || max == null) {
            return new Autoscale(null, true);
        }
        AutoscaleSpec rule = a.build(() -> new AutoscaleSpec(lagAbove, sustained, YamlTree.clampInt(max), cooldown));
        return new Autoscale(rule, rule == null);
    }
}

package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * Reads {@code topology:} in two parts: what the pipeline computes, and how Kafka Streams executes it. The
 * computation is given today in the flat form, one window step keyed by the event key ({@code window},
 * {@code grace}, {@code emit}); a {@code steps:} list will be read beside it as the other form of that part,
 * while the execution settings ({@code guarantee}, {@code commitInterval}, {@code stateStoreCacheBytes}) hold for
 * either.
 */
final class TopologyReader {

    private TopologyReader() {
    }

    static TopologySpec read(YamlTree.Fields f) {
        WindowStep window = flatWindow(f);
        Execution execution = execution(f);
        f.finish();
        if (window == null || execution == null) {
            return null;
        }
        return f.build(() -> new TopologySpec(window.window(), window.grace(), window.emit(), execution.guarantee(),
                execution.commitInterval(), execution.stateStoreCacheBytes()));
    }

    /** The flat form: {@code window}, {@code grace} and {@code emit} side by side in {@code topology:}. */
    private record WindowStep(WindowSpec window, Duration grace, EmitMode emit) {
    }

    private static WindowStep flatWindow(YamlTree.Fields f) {
        WindowSpec window = f.section("window", TopologyReader::window);
        Duration grace = Objects.requireNonNullElse(f.duration("grace", false), TopologySpec.DEFAULT_GRACE);
        EmitMode emit = f.has("emit") ? f.enumValue("emit", EmitMode.class, false) : TopologySpec.DEFAULT_EMIT;
        return window == null || emit == null ? null : new WindowStep(window, grace, emit);
    }

    private record Execution(ProcessingGuarantee guarantee, Duration commitInterval, Long stateStoreCacheBytes) {
    }

    private static Execution execution(YamlTree.Fields f) {
        ProcessingGuarantee guarantee = f.has("guarantee")
                ? f.enumValue("guarantee", ProcessingGuarantee.class, false) : TopologySpec.DEFAULT_GUARANTEE;
        Duration commitInterval = f.duration("commitInterval", false);
        Long cacheBytes = f.integer("stateStoreCacheBytes", false);
        if (guarantee == null) {
            return null;
        }
        return new Execution(guarantee,
                commitInterval != null ? commitInterval : TopologySpec.defaultCommitInterval(guarantee), cacheBytes);
    }

    /** {@code {tumbling: SIZE}} or {@code {hopping: {size: SIZE, advance: ADVANCE}}}. */
    private static WindowSpec window(YamlTree.Fields f) {
        String kind = f.oneOf("tumbling", "hopping");
        WindowSpec result = null;
        if ("tumbling".equals(kind)) {
            Duration size = f.duration("tumbling", true);
            result = size == null ? null : f.build(() -> new WindowSpec.Tumbling(size));
        } else if ("hopping".equals(kind)) {
            result = f.section("hopping", h -> {
                Duration size = h.duration("size", true);
                Duration advance = h.duration("advance", true);
                h.finish();
                return size == null || advance == null ? null
                        : f.tree().build(h.node(), f.path(), () -> new WindowSpec.Hopping(size, advance));
            });
        }
        f.finish();
        return result;
    }
}

package io.streamsim.model.scenario;

import java.util.Objects;

/** Reads {@code reference:}; present (even empty: {@code reference: {}}) means a table; absent is {@link ReferenceSpec#NONE}. */
final class ReferenceReader {

    private ReferenceReader() {
    }

    static ReferenceSpec read(YamlTree.Fields f) {
        double updates = Objects.requireNonNullElse(f.number("updatesPerSecond", false),
                ReferenceSpec.DEFAULT_UPDATES_PER_SECOND);
        java.time.Duration effectiveAfter = Objects.requireNonNullElse(f.duration("effectiveAfter", false),
                java.time.Duration.ZERO);
        f.finish();
        return f.build(() -> new ReferenceSpec(true, updates, effectiveAfter));
    }
}

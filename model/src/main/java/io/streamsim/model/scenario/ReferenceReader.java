package io.streamsim.model.scenario;

import java.util.Objects;

/** Reads {@code reference:}; present (even empty: {@code reference: {}}) means a table; absent is {@link ReferenceSpec#NONE}. */
final class ReferenceReader {

    private ReferenceReader() {
    }

    static ReferenceSpec read(YamlTree.Fields f) {
        double updates = Objects.requireNonNullElse(f.number("updatesPerSecond", false),
                ReferenceSpec.DEFAULT_UPDATES_PER_SECOND);
        f.finish();
        return f.build(() -> new ReferenceSpec(true, updates));
    }
}

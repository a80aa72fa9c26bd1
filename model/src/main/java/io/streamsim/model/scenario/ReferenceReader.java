package io.streamsim.model.scenario;

import java.util.Objects;
import java.util.OptionalInt;

/** Reads {@code reference:}; present (even empty: {@code reference: {}}) means a table; absent is {@link ReferenceSpec#NONE}. */
final class ReferenceReader {

    private ReferenceReader() {
    }

    static ReferenceSpec read(YamlTree.Fields f) {
        double updates = Objects.requireNonNullElse(f.number("updatesPerSecond", false),
                ReferenceSpec.DEFAULT_UPDATES_PER_SECOND);
        Long partitions = f.integer("partitions", false);
        f.finish();
        return f.build(() -> new ReferenceSpec(true, updates, partitions == null ? OptionalInt.empty()
                : OptionalInt.of(YamlTree.clampInt(partitions))));
    }
}

package io.streamsim.model.scenario;

import java.util.Objects;

/** Reads {@code dirt:}; a fraction left out is {@link DirtSpec#NONE}'s, and so is an absent section. */
final class DirtReader {

    private DirtReader() {
    }

    static DirtSpec read(YamlTree.Fields f) {
        double duplicates = Objects.requireNonNullElse(f.number("duplicateFraction", false),
                DirtSpec.NONE.duplicateFraction());
        double poison = Objects.requireNonNullElse(f.number("poisonFraction", false), DirtSpec.NONE.poisonFraction());
        f.finish();
        return f.build(() -> new DirtSpec(duplicates, poison));
    }
}

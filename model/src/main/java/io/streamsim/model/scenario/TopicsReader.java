package io.streamsim.model.scenario;

import java.util.Objects;

/** Reads {@code topics:}; what it leaves out, or the whole section, is {@link TopicsSpec#DEFAULT}'s. */
final class TopicsReader {

    private TopicsReader() {
    }

    static TopicsSpec read(YamlTree.Fields f) {
        long partitions = Objects.requireNonNullElse(f.integer("partitions", false),
                (long) TopicsSpec.DEFAULT.partitions());
        long replicationFactor = Objects.requireNonNullElse(f.integer("replicationFactor", false),
                (long) TopicsSpec.DEFAULT.replicationFactor());
        f.finish();
        return f.build(() -> new TopicsSpec(YamlTree.clampInt(partitions),
                (short) Math.max(-1, Math.min(99, replicationFactor))));
    }
}

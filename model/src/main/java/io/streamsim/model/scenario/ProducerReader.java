package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.Objects;

/** Reads {@code producer:}; what it leaves out, or the whole section, is {@link ProducerSpec#DEFAULT}'s. */
final class ProducerReader {

    private ProducerReader() {
    }

    static ProducerSpec read(YamlTree.Fields f) {
        ProducerSpec d = ProducerSpec.DEFAULT;
        long threads = Objects.requireNonNullElse(f.integer("threads", false), (long) d.threads());
        String acks = Objects.requireNonNullElse(f.string("acks", false), d.acks());
        Duration linger = Objects.requireNonNullElse(f.duration("linger", false), d.linger());
        long batch = Objects.requireNonNullElse(f.integer("batchSizeBytes", false), (long) d.batchSizeBytes());
        String compression = Objects.requireNonNullElse(f.string("compression", false), d.compression());
        f.finish();
        return f.build(() -> new ProducerSpec(YamlTree.clampInt(threads), acks, linger, YamlTree.clampInt(batch),
                compression));
    }
}

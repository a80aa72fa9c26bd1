package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.Set;

/**
 * The load generator's Kafka producers.
 *
 * @param threads producer threads, each with its own KafkaProducer, sharing the timeline: use more when
 *                one cannot keep up with the peak rate
 */
public record ProducerSpec(int threads, String acks, Duration linger, int batchSizeBytes, String compression) {

    public static final Set<String> ACKS = Set.of("0", "1", "all");
    public static final Set<String> COMPRESSION = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    public static final ProducerSpec DEFAULT = new ProducerSpec(1, "all", Duration.ofMillis(5), 65_536, "lz4");

    public ProducerSpec {
        Checks.at("")
                .range("threads", threads, 1, 16)
                .that(ACKS.contains(acks), "acks", "must be one of 0, 1, all; was " + acks)
                .notNegative("linger", linger)
                .range("batchSizeBytes", batchSizeBytes, 1, 16 << 20)
                .that(COMPRESSION.contains(compression), "compression",
                        "must be one of none, gzip, snappy, lz4, zstd; was " + compression)
                .done();
    }
}

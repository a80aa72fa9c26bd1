package io.streamsim.model.scenario;

import java.util.Locale;

/** Kafka Streams' {@code processing.guarantee}; the YAML value is the config value. */
public enum ProcessingGuarantee {
    AT_LEAST_ONCE,
    EXACTLY_ONCE_V2;

    /** The value of Kafka Streams' {@code processing.guarantee} config. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

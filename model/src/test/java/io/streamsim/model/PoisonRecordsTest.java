package io.streamsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {

    @Test
    void value_isRejectedByTheEventDecoder() {
        assertThatThrownBy(() -> EventCodec.decode(PoisonRecords.value(7))).isInstanceOf(SerializationException.class);
    }

    @Test
    void valueAndKey_areDistinctPerNumber() {
        assertThat(PoisonRecords.value(1)).isNotEqualTo(PoisonRecords.value(2));
        assertThat(new String(PoisonRecords.key(42), StandardCharsets.UTF_8)).isEqualTo("poison-42");
    }
}

package io.streamsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ReferenceCodecTest {

    private static final Instant T = Instant.ofEpochMilli(1_767_571_207_250L);

    private static ReferenceRow seller() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("region", "us-east");
        a.put("tier", "gold");
        a.put("category", "books");
        return new ReferenceRow("seller-042", a, 1, T);
    }

    @Test
    void encode_row_isCompactJsonWithTheRowFieldsFirst() {
        assertThat(new String(ReferenceCodec.encode(seller()), StandardCharsets.UTF_8)).isEqualTo(
                "{\"key\":\"seller-042\",\"version\":1,\"validFromMs\":1767571207250,"
                        + "\"region\":\"us-east\",\"tier\":\"gold\",\"category\":\"books\"}");
    }

    @Test
    void decode_encodedRow_roundTripsKeepingTheAttributeOrder() {
        ReferenceRow back = ReferenceCodec.decode(ReferenceCodec.encode(seller()));

        assertThat(back).isEqualTo(seller());
        assertThat(back.attributes().keySet()).containsExactly("region", "tier", "category");
    }

    @Test
    void decode_missingVersion_namesTheField() {
        byte[] bytes = "{\"key\":\"page-1\",\"validFromMs\":5,\"section\":\"news\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReferenceCodec.decode(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("'version'");
    }

    @Test
    void decode_numericAttribute_isRejected() {
        byte[] bytes = "{\"key\":\"page-1\",\"version\":0,\"validFromMs\":5,\"section\":3}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReferenceCodec.decode(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("'section'");
    }

    @Test
    void with_attribute_isTheNextVersionFromTheGivenTime() {
        ReferenceRow moved = seller().with("region", "eu-west", T.plusMillis(1));

        assertThat(moved.version()).isEqualTo(2);
        assertThat(moved.validFrom()).isEqualTo(T.plusMillis(1));
        assertThat(moved.attribute("region")).isEqualTo("eu-west");
        assertThat(moved.attribute("tier")).isEqualTo("gold");
    }

    @Test
    void schema_ofEachEventType_movesOnlyItsOwnAttributes() {
        for (ReferenceSchema s : ReferenceSchema.values()) {
            assertThat(s.attributes().keySet()).containsAll(s.movable()).doesNotContainAnyElementsOf(ReferenceSchema.RESERVED);
            assertThat(ReferenceSchema.of(s.eventType())).isSameAs(s);
        }
    }
}

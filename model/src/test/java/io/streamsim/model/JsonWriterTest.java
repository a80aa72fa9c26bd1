package io.streamsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void field_numbersAtEveryDigitBoundary_matchLongToString() {
        List<Long> values = new ArrayList<>(List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            values.addAll(List.of(p - 1, p, p + 1, -p, -(p - 1)));
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long v : values) {
            assertThat(json(new JsonWriter().field("n", v))).isEqualTo("{\"n\":" + v + "}");
        }
    }

    @Test
    void field_plainAsciiAndEscapes_areWrittenAsJson() {
        String written = json(new JsonWriter(8)
                .field("plain", "page-0042")
                .field("escapes", "a\"b\\c\nd\u0001e")
                .field("unicode", "é東\uD83D\uDE80")
                .field("empty", ""));

        assertThat(written).isEqualTo("{\"plain\":\"page-0042\",\"escapes\":\"a\\\"b\\\\c\\nd\\u0001e\","
                + "\"unicode\":\"é東\uD83D\uDE80\",\"empty\":\"\"}");
    }

    @Test
    void field_preEncodedName_writesTheSameAsAStringName() {
        JsonWriter.Name id = new JsonWriter.Name("id");
        JsonWriter.Name page = new JsonWriter.Name("page");

        assertThat(json(new JsonWriter().field(id, 7).field(page, "p")))
                .isEqualTo(json(new JsonWriter().field("id", 7).field("page", "p")))
                .isEqualTo("{\"id\":7,\"page\":\"p\"}");
    }

    @Test
    void toBytes_pastTheExpectedSize_growsTheBuffer() {
        String longValue = "x".repeat(1_000);

        assertThat(json(new JsonWriter(16).field("k", longValue).field("n", Long.MIN_VALUE)))
                .isEqualTo("{\"k\":\"" + longValue + "\",\"n\":" + Long.MIN_VALUE + "}");
    }

    private static String json(JsonWriter writer) {
        return new String(writer.toBytes(), StandardCharsets.UTF_8);
    }
}

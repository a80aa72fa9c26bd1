package io.streamsim.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormParamsTest {

    @Test
    void parse_pairs_areDecodedAsUtf8WithPlusForSpace() throws Exception {
        FormParams params = FormParams.parse("factor=0.1&name=caf%C3%A9+au+lait&flag&&empty=");

        assertThat(params.asMap()).containsOnly(
                org.assertj.core.api.Assertions.entry("factor", "0.1"),
                org.assertj.core.api.Assertions.entry("name", "café au lait"),
                org.assertj.core.api.Assertions.entry("flag", ""),
                org.assertj.core.api.Assertions.entry("empty", ""));
    }

    @Test
    void parse_nullOrEmpty_hasNoParameters() throws Exception {
        assertThat(FormParams.parse(null).asMap()).isEmpty();
        assertThat(FormParams.parse("").asMap()).isEmpty();
    }

    @Test
    void parse_nameGivenTwice_isRefusedNotResolved() {
        assertThatThrownBy(() -> FormParams.parse("factor=1&factor=100"))
                .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessage("parameter factor is given twice");
    }

    @Test
    void parse_malformedPercentEncoding_isA400() {
        assertThatThrownBy(() -> FormParams.parse("factor=%zz"))
                .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void onlyThese_unknownName_isRefusedNamingIt() throws Exception {
        FormParams params = FormParams.parse("records=5&recods=6");

        assertThatThrownBy(() -> params.onlyThese("records"))
                .hasMessage("unknown parameter(s) recods; this takes records");
        assertThatThrownBy(() -> FormParams.parse("x=1").onlyThese())
                .hasMessage("unknown parameter(s) x; this takes none");
    }

    @Test
    void required_missing_isA400NamingIt() throws Exception {
        assertThatThrownBy(() -> FormParams.parse("a=1").required("records"))
                .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessage("records is required");
    }
}

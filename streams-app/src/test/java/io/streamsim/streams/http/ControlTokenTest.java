package io.streamsim.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ControlTokenTest {

    @Test
    void random_twoTokens_differAndAreHeaderSafe() {
        SecureRandom random = new SecureRandom();
        ControlToken a = ControlToken.random(random);
        ControlToken b = ControlToken.random(random);

        assertThat(a.value()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b.value());
        assertThat(a.matches(a.value())).isTrue();
        assertThat(a.matches(b.value())).isFalse();
    }

    @Test
    void matches_nearMissesAndNothing_areRefused() {
        ControlToken token = ControlToken.of("0123456789abcdef");

        assertThat(token.matches("0123456789abcdef")).isTrue();
        assertThat(token.matches("0123456789abcdeF")).isFalse();
        assertThat(token.matches("0123456789abcdef0")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void of_shortOrUnprintable_isRefused() {
        assertThatThrownBy(() -> ControlToken.of("short")).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> ControlToken.of("0123456789 abcdef")).hasMessageContaining("printable");
    }

    @Test
    void toString_neverShowsTheSecret() {
        ControlToken token = ControlToken.of("0123456789abcdef");

        assertThat(token.toString()).doesNotContain("0123456789abcdef");
    }
}

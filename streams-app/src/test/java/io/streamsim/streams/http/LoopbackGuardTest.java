package io.streamsim.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopbackGuardTest {

    private final LoopbackGuard guard = LoopbackGuard.forPort(8765);

    @Test
    void isOwnAuthority_loopbackNamesWithThisPort_areAccepted() {
        assertThat(guard.isOwnAuthority("127.0.0.1:8765")).isTrue();
        assertThat(guard.isOwnAuthority("localhost:8765")).isTrue();
        assertThat(guard.isOwnAuthority("LOCALHOST:8765")).isTrue();
        assertThat(guard.isOwnAuthority("[::1]:8765")).isTrue();
    }

    @Test
    void isOwnAuthority_rebindableNamesOtherLoopbackSpellingsOrPorts_areRefused() {
        assertThat(guard.isOwnAuthority("127.attacker.example:8765")).isFalse();
        assertThat(guard.isOwnAuthority("127.0.0.1.attacker.example:8765")).isFalse();
        assertThat(guard.isOwnAuthority("localhost.attacker.example:8765")).isFalse();
        assertThat(guard.isOwnAuthority("attacker.example:8765")).isFalse();
        assertThat(guard.isOwnAuthority("127.0.0.2:8765")).isFalse();
        assertThat(guard.isOwnAuthority("[0:0:0:0:0:0:0:1]:8765")).isFalse();
        assertThat(guard.isOwnAuthority("127.0.0.1:8766")).isFalse();
        assertThat(guard.isOwnAuthority("127.0.0.1")).isFalse();
        assertThat(guard.isOwnAuthority("127.0.0.1:8765@attacker.example")).isFalse();
        assertThat(guard.isOwnAuthority("")).isFalse();
        assertThat(guard.isOwnAuthority(null)).isFalse();
    }

    @Test
    void isOwnAuthority_port80_alsoTakesTheBareName() {
        assertThat(LoopbackGuard.forPort(80).isOwnAuthority("localhost")).isTrue();
        assertThat(LoopbackGuard.forPort(80).isOwnAuthority("127.attacker.example")).isFalse();
    }

    @Test
    void isOwnOrigin_httpOriginOfThisServer_isAccepted_anyOtherIsRefused() {
        assertThat(guard.isOwnOrigin("http://127.0.0.1:8765")).isTrue();
        assertThat(guard.isOwnOrigin("http://localhost:8765")).isTrue();
        assertThat(guard.isOwnOrigin("http://[::1]:8765")).isTrue();
        assertThat(guard.isOwnOrigin("https://127.0.0.1:8765")).isFalse();
        assertThat(guard.isOwnOrigin("http://127.attacker.example:8765")).isFalse();
        assertThat(guard.isOwnOrigin("http://evil.example")).isFalse();
        assertThat(guard.isOwnOrigin("http://127.0.0.1:9999")).isFalse();
        assertThat(guard.isOwnOrigin("http://127.0.0.1:8765/")).isFalse();
        assertThat(guard.isOwnOrigin("null")).isFalse();
        assertThat(guard.isOwnOrigin(null)).isFalse();
    }

    @Test
    void isLoopbackName_theThreeNamesOnly() {
        assertThat(LoopbackGuard.LOOPBACK_NAMES).allMatch(LoopbackGuard::isLoopbackName);
        assertThat(LoopbackGuard.isLoopbackName("0.0.0.0")).isFalse();
        assertThat(LoopbackGuard.isLoopbackName("127.0.0.2")).isFalse();
        assertThat(LoopbackGuard.isLoopbackName("::")).isFalse();
        assertThat(LoopbackGuard.isLoopbackName("example.com")).isFalse();
    }

    @Test
    void controlHeaders_withToken_carryASameOriginOriginAndTheToken() {
        ControlToken token = ControlToken.random(new SecureRandom());

        Map<String, String> headers = guard.withToken(token).controlHeaders();

        assertThat(headers).containsEntry("Origin", "http://127.0.0.1:8765")
                .containsEntry(ControlToken.HEADER, token.value());
        assertThat(guard.isOwnOrigin(headers.get("Origin"))).isTrue();
        assertThat(guard.controlHeaders()).containsOnlyKeys("Origin");
    }
}

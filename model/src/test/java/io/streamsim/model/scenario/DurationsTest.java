package io.streamsim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}ms and formats as {2}")
    @CsvSource({
            "500ms, 500, 500ms",
            "5s, 5000, 5s",
            "2m, 120000, 2m",
            "1h, 3600000, 1h",
            "1m30s, 90000, 1m30s",
            "1.5s, 1500, 1s500ms",
            "1h1m1s1ms, 3661001, 1h1m1s1ms",
            "0s, 0, 0s",
            "90m, 5400000, 1h30m",
            "' 5s ', 5000, 5s"})
    void parse_thenFormat_roundTrips(String text, long millis, String formatted) {
        Duration d = Durations.parse(text);

        assertThat(d).isEqualTo(Duration.ofMillis(millis));
        assertThat(Durations.format(d)).isEqualTo(formatted);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @Test
    void parse_fractionalMilliseconds_keepsTheNanoseconds() {
        assertThat(Durations.parse("0.25ms")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse(Durations.format(Duration.ofNanos(250_000)))).isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void format_negative_isPrefixedWithAMinus() {
        assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("-5s");
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"5", "5 sec", "5sec", "5S", "5d", "-5s", "s", "", "1.s", "five seconds", "5s 3ms", "PT5S"})
    void parse_bareNumberOrUnknownUnit_isRejectedWithTheFix(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration: write a number with a unit, e.g. 500ms, 5s, 2m, 1h, 1m30s");
    }
}

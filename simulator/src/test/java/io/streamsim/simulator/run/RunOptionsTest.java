package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    private static RunOptions withUiHost(String uiHost) {
        return new RunOptions(null, Map.of(), Path.of("runs"), "0.0.0.0", 9464, Duration.ofSeconds(15),
                Duration.ofSeconds(60), 8765, uiHost, false);
    }

    @Test
    void uiHost_loopbackNames_areTaken_whateverTheMetricsHost() {
        assertThat(withUiHost("127.0.0.1").uiHost()).isEqualTo("127.0.0.1");
        assertThat(withUiHost("localhost").uiHost()).isEqualTo("localhost");
        assertThat(withUiHost("::1").uiHost()).isEqualTo("::1");
    }

    @Test
    void uiHost_anyOtherAddress_isRefused() {
        assertThatThrownBy(() -> withUiHost("0.0.0.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uiHost must be one of 127.0.0.1, localhost, ::1");
        assertThatThrownBy(() -> withUiHost(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shorterConstructor_putsTheLivePageOnTheDefaultLoopbackHost() {
        RunOptions options = new RunOptions(null, Map.of(), Path.of("runs"), "0.0.0.0", 9464, Duration.ofSeconds(15),
                Duration.ofSeconds(60), 8765);

        assertThat(options.uiHost()).isEqualTo(RunOptions.DEFAULT_UI_HOST);
    }
}

package io.streamsim.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.streams.AppStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChildJvmAppInstanceTest {

    @Test
    void parse_theStatusTheAppWrites_keepsEveryCountAndTheState() throws Exception {
        AppStatus written = new AppStatus("app-instance-3", "REBALANCING", Instant.parse("2026-12-01T23:00:00Z"),
                Duration.ofMillis(2), 5000, 3, 2, 1, 7, 4);

        InstanceStatus read = ChildJvmAppInstance.parse(written.toJson(), true);

        assertThat(read).isEqualTo(new InstanceStatus(5000, 3, 2, 1, 4, "REBALANCING", true));
    }

    @Test
    void parse_statusWithThreadCpu_keepsIt() throws Exception {
        AppStatus written = new AppStatus("app-instance-1", "RUNNING", null, Duration.ZERO, 10, 0, 0, 0, 0, 1, null,
                3.5);

        InstanceStatus read = ChildJvmAppInstance.parse(written.toJson(), false);

        assertThat(read.appThreadsCpu()).isEqualTo(Duration.ofMillis(3500));
    }
}

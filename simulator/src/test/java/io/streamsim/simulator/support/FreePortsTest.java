package io.streamsim.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void loopback_sixPorts_areDistinctAndBindableOnLoopback() throws Exception {
        int[] ports = FreePorts.loopback(6);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(6);
        // Released again: binding one now works unless another process won the race, which is why callers retry.
        try (ServerSocket s = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(ports[0]);
        }
    }
}

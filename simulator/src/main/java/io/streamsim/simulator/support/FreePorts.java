package io.streamsim.simulator.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports that were free a moment ago. A port picked here is released before its user binds it, so
 * another process can take it in between: whoever starts a server on these ports must retry on new ones when
 * the bind fails (the brokers do: {@code EmbeddedKafkaBroker.start}, {@code ChildJvmKafkaCluster.start}).
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code count} distinct ports on the loopback address: all are bound at once, so none is handed out twice,
     * then released together.
     */
    public static int[] loopback(int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}

package io.streamsim.simulator.broker;

import java.time.Duration;
import java.util.Optional;

/**
 * The main class of a {@link ChildJvmKafkaCluster} node's JVM: Kafka's own {@code kafka.Kafka} server main
 * (storage already formatted by the parent), plus a watchdog that halts this JVM when the parent JVM is gone,
 * so a parent that is killed with SIGKILL (where its shutdown hook cannot run) leaves no brokers behind.
 *
 * <p>Arguments: the parent's pid, then the server properties file.
 */
public final class BrokerMain {

    static final int PARENT_GONE_EXIT_STATUS = 3;
    private static final Duration PARENT_POLL_INTERVAL = Duration.ofMillis(500);

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BrokerMain <parent pid> <server.properties>");
            System.exit(2);
        }
        watchParent(Long.parseLong(args[0]));
        kafka.Kafka.main(new String[] {args[1]});
    }

    /*
     * A poll rather than ProcessHandle.onExit(): the parent is not our child, and polling isAlive() (which also
     * compares the start time, so a reused pid does not count) is portable. Halt, not exit: the peers are going
     * away too, so a controlled shutdown would only wait for a quorum that is gone.
     */
    private static void watchParent(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            Runtime.getRuntime().halt(PARENT_GONE_EXIT_STATUS);
        }
        Thread watchdog = new Thread(() -> {
            while (parent.get().isAlive()) {
                try {
                    Thread.sleep(PARENT_POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("streamsim: parent JVM " + parentPid + " is gone, halting this broker");
            Runtime.getRuntime().halt(PARENT_GONE_EXIT_STATUS);
        }, "streamsim-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}

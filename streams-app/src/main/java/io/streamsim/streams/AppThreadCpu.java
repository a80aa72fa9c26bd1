package io.streamsim.streams;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The CPU time of one Kafka Streams client's own threads, cumulative over the client's life, for the status's
 * {@code appThreadsCpuSeconds}. A thread counts when its name carries the client id (see {@link #ofClient(String)}):
 * the stream threads ({@code <client id>-StreamThread-1}), their state updaters, the global thread
 * ({@code <client id>-GlobalStreamThread}), the client's cleanup thread, and the network threads of its producers and
 * admin client ({@code kafka-producer-network-thread | <client id>-StreamThread-1-producer}). Not counted: the classic
 * consumer's heartbeat thread, named after the group id that every instance shares (so in one JVM it cannot be told
 * apart), this app's own metrics, lag and HTTP threads, and the JVM's GC and JIT threads, which work for the whole
 * process.
 *
 * <p>A thread's CPU time can only be read while it lives, so each {@link #sample()} keeps the last value per thread
 * id and the total is the sum of those: a stream thread replaced after a failure, or a state updater that ended,
 * still counts what it used up to the last sample before it ended. What is still missed is the CPU a thread used
 * between its last sample and its end (at most one sampling interval, one second in {@link StreamsApp}), and all of
 * it for a thread that lived less than one interval.
 */
public final class AppThreadCpu {

    /** A live thread as the JVM lists it: {@code cpuNanos} negative when the JVM cannot tell (it just ended). */
    public record LiveThread(long id, String name, long cpuNanos) {
    }

    private final String clientId;
    private final Supplier<List<LiveThread>> threads;
    private final Map<Long, Long> lastCpuNanosById = new HashMap<>();
    /**
     * Threads of this client id already alive when this life began: an earlier life's in the same JVM (an in-process
     * instance restarted while its old client's close timed out), whose CPU that life already counted.
     */
    private final Set<Long> earlierLives = new HashSet<>();

    /**
     * @param clientId the Kafka Streams client id ({@code client.id}) whose threads count
     * @param threads  the live threads of the JVM, asked at each {@link #sample()}
     */
    AppThreadCpu(String clientId, Supplier<List<LiveThread>> threads) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.threads = Objects.requireNonNull(threads, "threads");
        for (LiveThread t : threads.get()) {
            if (ofClient(clientId, t.name())) {
                earlierLives.add(t.id());
            }
        }
    }

    /** The client {@code clientId}'s threads in this JVM, by {@link ThreadMXBean}; empty without thread CPU time. */
    public static Optional<AppThreadCpu> ofClient(String clientId) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return Optional.empty();
        }
        if (!mx.isThreadCpuTimeEnabled()) {
            try {
                mx.setThreadCpuTimeEnabled(true);
            } catch (UnsupportedOperationException | SecurityException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new AppThreadCpu(clientId, () -> liveThreads(mx)));
    }

    private static List<LiveThread> liveThreads(ThreadMXBean mx) {
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids, 0);
        List<LiveThread> live = new ArrayList<>(ids.length);
        for (ThreadInfo info : infos) {
            if (info != null) { // null: ended since getAllThreadIds
                long id = info.getThreadId();
                live.add(new LiveThread(id, info.getThreadName(), mx.getThreadCpuTime(id)));
            }
        }
        return live;
    }

    /**
     * Whether a thread named {@code threadName} works for the client {@code clientId}: its name starts with
     * {@code <client id>-}, or names it after {@code " | "} as Kafka's client network threads do. The trailing
     * {@code -} keeps {@code app-instance-1} from counting {@code app-instance-10}'s threads.
     */
    static boolean ofClient(String clientId, String threadName) {
        String prefix = clientId + "-";
        return threadName.startsWith(prefix) || threadName.contains(" | " + prefix);
    }

    /** Reads the CPU time of the client's live threads; a thread seen before and gone now keeps its last value. */
    public synchronized void sample() {
        for (LiveThread t : threads.get()) {
            if (t.cpuNanos() >= 0 && ofClient(clientId, t.name()) && !earlierLives.contains(t.id())) {
                lastCpuNanosById.merge(t.id(), t.cpuNanos(), Math::max);
            }
        }
    }

    /** The CPU time of the client's threads as of the last {@link #sample()}, ended threads included. */
    public synchronized Duration total() {
        long sum = 0;
        for (long nanos : lastCpuNanosById.values()) {
            sum += nanos;
        }
        return Duration.ofNanos(sum);
    }

    /** Threads counted so far, live and ended. */
    synchronized int threadsSeen() {
        return lastCpuNanosById.size();
    }
}

package io.streamsim.bench.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Takes a {@link Snapshot} of this JVM's and its child JVMs' CPU and memory once a second on its own thread (its
 * own CPU shows as {@link ThreadRoles#SAMPLER}): the bench picks the snapshots at the edges of a probe's hold
 * afterwards, since streamsim's hold is only known from its run folder once the run is over.
 *
 * <p>Where the numbers come from: this JVM's total CPU from {@code OperatingSystemMXBean} (it includes threads
 * that have ended); each Java thread's CPU and full name from {@code ThreadMXBean}; the JIT compiler and GC threads,
 * which the JVM hides from its thread list, from {@code /proc/self/task/TID/stat} (utime + stime) and
 * {@code comm}; child JVMs ({@code ProcessHandle.current().descendants()}) from {@code /proc/PID/stat},
 * {@code /proc/PID/task/*} and {@code /proc/PID/status} ({@code VmRSS}); the whole machine from {@code /proc/stat}.
 * Clock ticks are taken as 100 a second ({@code getconf CLK_TCK} on Linux x86-64 and arm64).
 */
final class ProcessSampler implements AutoCloseable {

    static final String THREAD = "bench-sampler";
    static final double TICKS_PER_SECOND = 100;
    private static final long PERIOD_MILLIS = 1000;

    /** A child JVM at one moment: CPU ticks in all, of them JIT and GC threads', and its resident memory. */
    record ChildJvm(long pid, String command, long cpuTicks, long jitTicks, long gcTicks, long rssBytes) {
    }

    /**
     * This JVM and its children at one moment.
     *
     * @param javaThreadCpuNanos CPU of each live Java thread by id, and its name in {@code javaThreadNames}
     * @param nativeThreadTicks  CPU ticks of each JIT or GC thread by Linux thread id, and its role in
     *                           {@code nativeThreadRoles}
     */
    record Snapshot(Instant at, long processCpuNanos, Map<Long, Long> javaThreadCpuNanos,
                    Map<Long, String> javaThreadNames, Map<Integer, Long> nativeThreadTicks,
                    Map<Integer, ThreadRoles> nativeThreadRoles, long rssBytes, List<ChildJvm> children,
                    long machineBusyTicks, long machineTotalTicks) {
    }

    private final Clock clock;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Integer, String> commByTid = new ConcurrentHashMap<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    ProcessSampler(Clock clock) {
        this.clock = clock;
        this.thread = new Thread(this::loop, THREAD);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The snapshots taken from {@code from} to {@code to}, both included. */
    synchronized List<Snapshot> between(Instant from, Instant to) {
        return snapshots.stream().filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to)).toList();
    }

    /** Forgets the snapshots taken before {@code before}: one probe's worth is enough. */
    synchronized void forget(Instant before) {
        snapshots.removeIf(s -> s.at().isBefore(before));
    }

    private void loop() {
        long next = System.nanoTime();
        while (!closed) {
            try {
                Snapshot s = take();
                synchronized (this) {
                    snapshots.add(s);
                }
            } catch (RuntimeException e) {
                // A thread or child that ends while it is read: the next second's snapshot will do.
            }
            next += PERIOD_MILLIS * 1_000_000L;
            long sleep = (next - System.nanoTime()) / 1_000_000L;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    Snapshot take() {
        Instant at = clock.instant();
        long processCpu = os.getProcessCpuTime();
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        Map<Long, Long> javaCpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] >= 0) {
                javaCpu.put(ids[i], cpu[i]);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        Map<Integer, Long> nativeTicks = new HashMap<>();
        Map<Integer, ThreadRoles> nativeRoles = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                int tid = Integer.parseInt(task.getFileName().toString());
                String comm = commByTid.computeIfAbsent(tid, t -> read(task.resolve("comm")).orElse("").trim());
                ThreadRoles role = ThreadRoles.ofNativeThread(comm);
                if (role != null) {
                    long ticks = cpuTicks(task.resolve("stat"));
                    if (ticks >= 0) {
                        nativeTicks.put(tid, ticks);
                        nativeRoles.put(tid, role);
                    }
                }
            }
        } catch (IOException e) {
            // No /proc (not Linux): the JIT and GC threads then count as "other".
        }
        List<ChildJvm> children = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .map(this::child)
                .flatMap(Optional::stream)
                .toList();
        long[] machine = machineTicks();
        return new Snapshot(at, processCpu, javaCpu, names, nativeTicks, nativeRoles, rssBytes(Path.of("/proc/self")),
                children, machine[0], machine[1]);
    }

    private Optional<ChildJvm> child(ProcessHandle p) {
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        long total = cpuTicks(proc.resolve("stat"));
        if (total < 0) {
            return Optional.empty();
        }
        long jit = 0;
        long gc = 0;
        try (Stream<Path> list = Files.list(proc.resolve("task"))) {
            for (Path task : (Iterable<Path>) list::iterator) {
                ThreadRoles role = ThreadRoles.ofNativeThread(read(task.resolve("comm")).orElse("").trim());
                if (role == ThreadRoles.JIT) {
                    jit += Math.max(0, cpuTicks(task.resolve("stat")));
                } else if (role == ThreadRoles.GC) {
                    gc += Math.max(0, cpuTicks(task.resolve("stat")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Ended meanwhile.
        }
        // /proc/PID/cmdline: ProcessHandle.Info often has no arguments for a child.
        String line = read(proc.resolve("cmdline")).orElse("").replace('\0', ' ');
        String command = line.contains("StreamsAppMain") ? "app instance"
                : line.contains("kafka.Kafka") ? "broker" : "java";
        return Optional.of(new ChildJvm(p.pid(), command, total, jit, gc, rssBytes(proc)));
    }

    /** utime + stime of a {@code stat} file, in clock ticks; -1 when it cannot be read. */
    static long cpuTicks(Path stat) {
        return read(stat).map(ProcessSampler::cpuTicksOf).orElse(-1L);
    }

    /** Fields 14 and 15 of {@code /proc/.../stat}, counted after the command name in parentheses. */
    static long cpuTicksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS of {@code /proc/PID/status} in bytes; -1 when unknown. */
    static long rssBytes(Path proc) {
        return read(proc.resolve("status")).map(ProcessSampler::rssBytesOf).orElse(-1L);
    }

    static long rssBytesOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** Busy and total ticks of all CPUs, from the first line of {@code /proc/stat}. */
    static long[] machineTicks() {
        return read(Path.of("/proc/stat")).map(ProcessSampler::machineTicksOf).orElse(new long[] {0, 0});
    }

    static long[] machineTicksOf(String procStat) {
        String[] f = procStat.substring(0, procStat.indexOf('\n')).trim().split("\\s+");
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new long[] {busy, busy + idle + iowait};
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(5_000);
    }
}

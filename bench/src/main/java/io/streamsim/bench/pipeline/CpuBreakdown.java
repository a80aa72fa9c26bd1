package io.streamsim.bench.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU spent between two {@link ProcessSampler.Snapshot}s: this JVM's by {@link ThreadRoles}, each child JVM's
 * (its JIT and GC threads apart), and the whole machine's (other users' work included: the machine is shared).
 *
 * <p>A thread that started in between counts in full; what one that ended in between did after the last snapshot
 * that saw it shows in {@link ThreadRoles#OTHER} (the JVM's total includes it), as does any rounding between the
 * JVM's total and its threads.
 *
 * @param otherThreadNames the names of the Java threads counted as {@link ThreadRoles#OTHER}, busiest first: what
 *                         {@link ThreadRoles} does not know yet
 */
record CpuBreakdown(double seconds, Map<ThreadRoles, Double> benchJvmCpuSeconds, double benchJvmTotalCpuSeconds,
                    List<Child> children, double machineBusyCpuSeconds, List<String> otherThreadNames) {

    /** A child JVM (an app instance run as its own process). */
    record Child(long pid, String command, double cpuSeconds, double jitCpuSeconds, double gcCpuSeconds,
                 long rssBytes) {
    }

    /**
     * CPU from the first to the last of {@code snapshots} (in time order). Each thread counts from its value in the
     * first snapshot (0 if it started later) to its value in the last snapshot it appears in, so a thread that ended
     * during the span keeps what it did until the snapshot before its end; what it did after that, and threads that
     * lived less than a second between two snapshots, fall to {@link ThreadRoles#OTHER} as the rest of the JVM's
     * total.
     */
    static CpuBreakdown between(List<ProcessSampler.Snapshot> snapshots) {
        ProcessSampler.Snapshot from = snapshots.get(0);
        ProcessSampler.Snapshot to = snapshots.get(snapshots.size() - 1);
        double seconds = (to.at().toEpochMilli() - from.at().toEpochMilli()) / 1000.0;
        Map<Long, Long> javaLast = new HashMap<>();
        Map<Long, String> javaNames = new HashMap<>();
        Map<Integer, Long> nativeLast = new HashMap<>();
        Map<Integer, ThreadRoles> nativeRoles = new HashMap<>();
        Map<Long, ProcessSampler.ChildJvm> childLast = new LinkedHashMap<>();
        for (ProcessSampler.Snapshot s : snapshots) {
            javaLast.putAll(s.javaThreadCpuNanos());
            javaNames.putAll(s.javaThreadNames());
            nativeLast.putAll(s.nativeThreadTicks());
            nativeRoles.putAll(s.nativeThreadRoles());
            s.children().forEach(c -> childLast.put(c.pid(), c));
        }
        Map<ThreadRoles, Double> roles = new EnumMap<>(ThreadRoles.class);
        for (ThreadRoles r : ThreadRoles.values()) {
            roles.put(r, 0.0);
        }
        Map<String, Double> others = new HashMap<>();
        double threadsTotal = 0;
        for (Map.Entry<Long, Long> e : javaLast.entrySet()) {
            long before = from.javaThreadCpuNanos().getOrDefault(e.getKey(), 0L);
            double cpu = Math.max(0, e.getValue() - before) / 1e9;
            String name = javaNames.get(e.getKey());
            ThreadRoles role = ThreadRoles.ofJavaThread(name);
            roles.merge(role, cpu, Double::sum);
            if (role == ThreadRoles.OTHER && cpu > 0) {
                others.merge(name, cpu, Double::sum);
            }
            threadsTotal += cpu;
        }
        for (Map.Entry<Integer, Long> e : nativeLast.entrySet()) {
            long before = from.nativeThreadTicks().getOrDefault(e.getKey(), 0L);
            double cpu = Math.max(0, e.getValue() - before) / ProcessSampler.TICKS_PER_SECOND;
            roles.merge(nativeRoles.get(e.getKey()), cpu, Double::sum);
            threadsTotal += cpu;
        }
        double total = Math.max(0, to.processCpuNanos() - from.processCpuNanos()) / 1e9;
        roles.merge(ThreadRoles.OTHER, Math.max(0, total - threadsTotal), Double::sum);

        List<Child> children = new ArrayList<>();
        for (ProcessSampler.ChildJvm c : childLast.values()) {
            ProcessSampler.ChildJvm before = from.children().stream().filter(b -> b.pid() == c.pid()).findFirst()
                    .orElse(new ProcessSampler.ChildJvm(c.pid(), c.command(), 0, 0, 0, 0));
            children.add(new Child(c.pid(), c.command(),
                    (c.cpuTicks() - before.cpuTicks()) / ProcessSampler.TICKS_PER_SECOND,
                    (c.jitTicks() - before.jitTicks()) / ProcessSampler.TICKS_PER_SECOND,
                    (c.gcTicks() - before.gcTicks()) / ProcessSampler.TICKS_PER_SECOND, c.rssBytes()));
        }
        double machine = (to.machineBusyTicks() - from.machineBusyTicks()) / ProcessSampler.TICKS_PER_SECOND;
        List<String> otherNames = others.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(8)
                .map(e -> String.format(java.util.Locale.ROOT, "%s (%.2fs)", e.getKey(), e.getValue()))
                .toList();
        return new CpuBreakdown(seconds, roles, total, children, machine, otherNames);
    }

    /** Microseconds of CPU per event, by role label, then each child JVM, then this JVM, all JVMs and the machine. */
    Map<String, Double> microsPerEvent(double events) {
        Map<String, Double> perEvent = new LinkedHashMap<>();
        double scale = events <= 0 ? Double.NaN : 1e6 / events;
        benchJvmCpuSeconds.forEach((role, cpu) -> perEvent.put(role.label(), cpu * scale));
        perEvent.put("bench JVM (all of the above)", benchJvmTotalCpuSeconds * scale);
        double allJvms = benchJvmTotalCpuSeconds;
        for (Child c : children) {
            String name = "child JVM " + c.pid();
            perEvent.put(name, c.cpuSeconds() * scale);
            perEvent.put(name + ": JIT", c.jitCpuSeconds() * scale);
            perEvent.put(name + ": GC & VM", c.gcCpuSeconds() * scale);
            allJvms += c.cpuSeconds();
        }
        perEvent.put("all JVMs", allJvms * scale);
        perEvent.put("whole machine", machineBusyCpuSeconds * scale);
        return perEvent;
    }
}

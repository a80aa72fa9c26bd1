package io.streamsim.bench.pipeline;

import java.util.List;

/**
 * Which part of the pipeline a thread of the bench JVM works for, from its name. Java threads are named in full
 * (from the JVM's thread list); the JVM's own native threads by their Linux {@code comm} (15 characters at most).
 * Kafka's names as of 4.3.1: the broker's {@code data-plane-kafka-request-handler-0}, {@code kafka-raft-io-thread},
 * {@code quorum-controller-1-event-handler}, ...; a Streams client's {@code <client id>-StreamThread-1} and its
 * producer's {@code kafka-producer-network-thread | <client id>-StreamThread-1-producer}.
 */
enum ThreadRoles {
    BROKER("broker"),
    APP("app stream threads"),
    PRODUCER("producers"),
    MONITORING("run control & monitoring"),
    JIT("JIT compilers"),
    GC("GC & VM"),
    SAMPLER("bench sampler"),
    OTHER("other");

    private static final List<String> BROKER_PREFIXES = List.of("data-plane-", "kafka-request-handler",
            "kafka-network-thread", "kafka-raft", "raft-", "quorum-controller", "controller-", "broker-",
            "group-coordinator", "share-coordinator", "transaction", "TxnMarkerSenderThread", "ExpirationReaper",
            "kafka-log-cleaner", "kafka-scheduler", "LogDirFailureHandler", "executor-", "metrics-meter-tick",
            "ReplicaFetcher", "ReplicaAlterLog", "AddPartitionsToTxn", "ClientQuotasCleaner", "client-metrics",
            "persister", "remote-", "feature-", "kafka-", "node-", "ThrottledChannelReaper", "SessionExpiration",
            "share-", "kafka-1-", "delayed-", "socket-server", "ListOffsetsPurgatory", "Reaper",
            "network-partition-metadata-client", "PersisterStateManager", "SensorExpiryThread");
    /** The JVM's own Java threads: reference processing and cleaners, counted with GC. */
    private static final List<String> JVM_THREADS = List.of("Reference Handler", "Finalizer", "Common-Cleaner",
            "Signal Dispatcher", "Notification Thread", "Attach Listener");

    private final String label;

    ThreadRoles(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** A Java thread, by its full name. */
    static ThreadRoles ofJavaThread(String name) {
        if (name.contains("StreamThread") || name.contains("StateUpdater") || name.contains("CleanupThread")
                || name.startsWith("kafka-coordinator-heartbeat-thread") || name.startsWith("kafka-streams")) {
            return APP;
        }
        if (name.startsWith("kafka-producer-network-thread") || name.startsWith("streamsim-producer-")
                || name.startsWith("streamsim-generator-") || name.startsWith(BaselineProbe.PRODUCER_THREAD)) {
            return PRODUCER;
        }
        if (name.startsWith(ProcessSampler.THREAD)) {
            return SAMPLER;
        }
        if (name.startsWith("streamsim-") || name.startsWith("bench-") || name.startsWith("kafka-admin-client-thread")
                || name.startsWith("HttpClient-") || name.startsWith("HTTP-Dispatcher") || name.equals("main")) {
            // HttpClient: the simulator asks child app instances for their status over HTTP; HTTP-Dispatcher: the
            // /metrics and control endpoints of in-process instances.
            return MONITORING;
        }
        if (JVM_THREADS.contains(name)) {
            return GC;
        }
        for (String prefix : BROKER_PREFIXES) {
            if (name.startsWith(prefix)) {
                return BROKER;
            }
        }
        return OTHER;
    }

    /** One of the JVM's native threads, by its {@code comm}; null for a Java thread (counted by its Java name). */
    static ThreadRoles ofNativeThread(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre") || comm.startsWith("Compiler")) {
            return JIT;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
                || comm.startsWith("VM Periodic") || comm.startsWith("ZGC") || comm.startsWith("GC ")) {
            return GC;
        }
        return null;
    }
}

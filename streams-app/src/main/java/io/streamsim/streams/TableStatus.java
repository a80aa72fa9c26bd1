package io.streamsim.streams;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The reference table of an enrich step as one instance holds it (part of {@link AppStatus}, {@code "table"}): how
 * long it took this life to load the table, and, when asked ({@code GET /control/status?table=held}), how much of it
 * the instance holds. Absent without an enrich step.
 *
 * @param join                "broadcast", "shuffle" or "shuffle, versioned"
 * @param store               the state store the join reads
 * @param startedAt           when this life called {@code KafkaStreams#start()} (wall clock)
 * @param runningAfterSeconds from {@code startedAt} to the first {@code RUNNING}; null until then
 * @param loads               the table loads of this life, in the order they began ({@link Load})
 * @param held                what the store holds; null unless asked for
 */
public record TableStatus(String join, String store, Instant startedAt, Double runningAfterSeconds, List<Load> loads,
                          Held held) {

    /** A Kafka Streams global store restore: the global thread reads the whole reference topic before processing. */
    public static final String GLOBAL_RESTORE = "global-restore";
    /** A KTable store restored from its changelog topic: after a restart, or when a task moves to this instance. */
    public static final String CHANGELOG_RESTORE = "changelog-restore";
    /** The task's reference partitions processed up to the end offsets they had at this life's start. */
    public static final String SOURCE_READ = "source-read";

    public TableStatus {
        Objects.requireNonNull(join, "join");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(startedAt, "startedAt");
        loads = List.copyOf(loads);
    }

    /** The same report with {@code h} as what the store holds. */
    public TableStatus withHeld(Held h) {
        return new TableStatus(join, store, startedAt, runningAfterSeconds, loads, h);
    }

    /**
     * One load of the table.
     *
     * @param kind       {@link #GLOBAL_RESTORE}, {@link #CHANGELOG_RESTORE} or {@link #SOURCE_READ}
     * @param topic      the topic read: the reference topic, or the store's changelog topic
     * @param startedAt  when it began (wall clock)
     * @param records    records restored (a restore), or offsets up to the end offsets at start (a source read)
     * @param partitions partitions it covered
     * @param seconds    how long it took; null while it is still going on
     */
    public record Load(String kind, String topic, Instant startedAt, long records, int partitions, Double seconds) {
    }

    /**
     * What the store holds, counted in the store itself (an interactive query over this instance's active tasks, or
     * the whole table for a global store).
     *
     * @param rows    current rows: one per key, superseded versions of a versioned store not counted
     * @param bytes   serialized key + value bytes of those rows
     * @param counted how they were counted
     */
    public record Held(long rows, long bytes, String counted) {
    }
}

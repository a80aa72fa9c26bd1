package io.streamsim.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How long one life of an instance took to load the enrich step's reference table, as {@link TableStatus.Load}s.
 *
 * <p>What Kafka 4.3.1 does, and so what is measured:
 * <ul>
 *   <li>Broadcast (GlobalKTable): at {@code start()} the global thread restores the global store from the reference
 *       topic itself, from the local checkpoint (none at a first start: from offset 0) to the end offsets of that
 *       moment, before any stream thread processes; the restore listener set with
 *       {@code KafkaStreams#setGlobalStateRestoreListener} (called for every store's restores) reports it: one
 *       {@link TableStatus#GLOBAL_RESTORE}.</li>
 *   <li>Shuffle (KTable): the app leaves {@code topology.optimization} at its default ({@code none}), so the table's
 *       store has its own changelog topic ({@code <application.id>-reference-table-changelog}) and the reference
 *       topic is an ordinary source. At a first start the changelog is empty and there is nothing to restore: the
 *       table fills as its task processes the reference partition, in timestamp order with the orders. That is
 *       measured as a {@link TableStatus#SOURCE_READ}: from {@code start()} until the group's committed offsets (on
 *       the broker) of every reference partition of the instance's active tasks reach the end offsets those
 *       partitions had at start (to within the commit interval and a 200ms poll). After a crash, or when a task moves here, the store is restored from the
 *       changelog (from the beginning under exactly_once_v2 after a crash, which leaves no checkpoint): a
 *       {@link TableStatus#CHANGELOG_RESTORE}. (With {@code reuse.ktable.source.topics} Kafka would restore from
 *       the reference topic itself, up to the committed offset, instead of keeping a changelog.)</li>
 * </ul>
 * Restores of several partitions that overlap in time are one load, from the first start to the last end; so are
 * a global store's partitions before {@code RUNNING}, which the global thread restores one after the other.
 */
final class TableLoads implements StateRestoreListener {

    private final String store;
    private final String restoreKind;
    private final Clock clock;
    private final List<TableStatus.Load> loads = new ArrayList<>();
    private final Set<TopicPartition> restoring = new HashSet<>();
    private Instant startedAt;
    private Instant runningAt;
    private Instant episodeStart;
    private String episodeTopic;
    private long episodeRecords;
    private int episodePartitions;
    /** Index in {@link #loads} of a global restore that a later partition's restore continues; -1: none. */
    private int openGlobalLoad = -1;
    private Instant sourceReadStart;
    private Map<TopicPartition, Long> endAtStart;

    /**
     * @param store       the store whose restores count; restores of other stores are ignored
     * @param restoreKind {@link TableStatus#GLOBAL_RESTORE} or {@link TableStatus#CHANGELOG_RESTORE}
     */
    TableLoads(String store, String restoreKind, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.restoreKind = Objects.requireNonNull(restoreKind, "restoreKind");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized void started() {
        startedAt = clock.instant();
    }

    synchronized void running() {
        if (runningAt == null && startedAt != null) {
            runningAt = clock.instant();
            openGlobalLoad = -1;
        }
    }

    /**
     * Begins a {@link TableStatus#SOURCE_READ} up to {@code endOffsets}, the ends at start of the reference partitions
     * the group had not read before this start (the others are left out of it: their share comes from the
     * changelog).
     */
    synchronized void sourceReadFrom(Instant start, Map<TopicPartition, Long> endOffsets) {
        sourceReadStart = start;
        endAtStart = Map.copyOf(endOffsets);
    }

    /** Whether the source read still waits for {@link #sourceReadProgress}. */
    synchronized boolean sourceReadPending() {
        return endAtStart != null;
    }

    /**
     * Ends the source read once every reference partition the instance's active tasks hold has its committed offset
     * ({@code committed}, next offset to read) at or past its end offset at start; false while not yet. Partitions
     * without an end at start were read before and do not count; when the tasks hold only those, it ends with no
     * load.
     */
    synchronized boolean sourceReadProgress(Map<TopicPartition, Long> committed) {
        if (endAtStart == null || committed.isEmpty()) {
            return false;
        }
        long records = 0;
        int partitions = 0;
        for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
            Long end = endAtStart.get(e.getKey());
            if (end == null) {
                continue; // read by the group before this start: its share comes from the changelog
            }
            if (end > 0 && e.getValue() < end) {
                return false;
            }
            records += end;
            partitions++;
        }
        if (partitions > 0) {
            loads.add(new TableStatus.Load(TableStatus.SOURCE_READ, committed.keySet().iterator().next().topic(),
                    sourceReadStart, records, partitions, seconds(sourceReadStart, clock.instant())));
        }
        endAtStart = null;
        return true;
    }

    @Override
    public synchronized void onRestoreStart(TopicPartition partition, String storeName, long startingOffset,
                                            long endingOffset) {
        if (!store.equals(storeName)) {
            return;
        }
        if (restoring.isEmpty() && openGlobalLoad >= 0) {
            loads.remove(openGlobalLoad); // the global thread restores one partition after the other: one load
            openGlobalLoad = -1;
        } else if (restoring.isEmpty()) {
            episodeStart = clock.instant();
            episodeTopic = partition.topic();
            episodeRecords = 0;
            episodePartitions = 0;
        }
        if (restoring.add(partition)) {
            episodePartitions++;
        }
    }

    @Override
    public synchronized void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset,
                                             long numRestored) {
        if (store.equals(storeName)) {
            episodeRecords += numRestored;
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        ended(partition, storeName);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        ended(partition, storeName);
    }

    private synchronized void ended(TopicPartition partition, String storeName) {
        if (!store.equals(storeName) || !restoring.remove(partition) || !restoring.isEmpty()) {
            return;
        }
        loads.add(new TableStatus.Load(restoreKind, episodeTopic, episodeStart, episodeRecords, episodePartitions,
                seconds(episodeStart, clock.instant())));
        if (TableStatus.GLOBAL_RESTORE.equals(restoreKind) && runningAt == null) {
            openGlobalLoad = loads.size() - 1;
        }
    }

    /** This life so far; loads still going on last, with null seconds. */
    synchronized TableStatus snapshot(String join) {
        List<TableStatus.Load> all = new ArrayList<>(loads);
        if (!restoring.isEmpty()) {
            all.add(new TableStatus.Load(restoreKind, episodeTopic, episodeStart, episodeRecords, episodePartitions,
                    null));
        }
        if (endAtStart != null) {
            all.add(new TableStatus.Load(TableStatus.SOURCE_READ, endAtStart.isEmpty() ? ""
                    : endAtStart.keySet().iterator().next().topic(), sourceReadStart, 0, 0, null));
        }
        all.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
        return new TableStatus(join, store, startedAt == null ? clock.instant() : startedAt,
                runningAt == null ? null : seconds(startedAt, runningAt), all, null);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}

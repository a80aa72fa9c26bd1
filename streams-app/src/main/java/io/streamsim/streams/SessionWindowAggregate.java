package io.streamsim.streams;

import io.streamsim.model.scenario.WindowSpec;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;

/**
 * Session windows: Kafka's {@link SessionWindows#ofInactivityGapAndGrace}. A record at t joins every session of
 * its key that the store still holds with {@code end >= t - gap} and {@code start <= t + gap} (so a record exactly
 * {@code gap} after a session's last record extends it; gap + 1ms starts a new one), and bridging two sessions
 * merges them into one: the old sessions are removed (a tombstone each, written by the app as a retraction) and
 * the merged one is written. A session's end is its last record's time, inclusive: one record makes [t;t].
 *
 * <p>Kafka 4.3.1 ({@code KStreamSessionWindowAggregate}) drops a record when the merged session it would make
 * ends before {@code streamTime - grace - gap}: gap 30s, grace 5s, stream time 100s: a record at 64s that joins
 * no session is dropped, one at 65s is kept, and a record at 10s that joins a session ending at 70s is kept. The
 * store ({@code RocksDBSessionStore}, retention gap + grace) no longer lists a session ending at or before
 * {@code storeStreamTime - gap - grace}, so a record cannot merge with a closed session: it starts its own. That
 * is why the late rule reads the store (see {@link #lateRule}).
 */
final class SessionWindowAggregate implements WindowAggregate {

    private final SessionWindows windows;
    private final long gapMs;

    SessionWindowAggregate(WindowSpec.Session window, Duration grace) {
        this.windows = SessionWindows.ofInactivityGapAndGrace(window.inactivityGap(), grace);
        this.gapMs = windows.inactivityGap();
    }

    /**
     * Not decidable without the store: whether a record is late depends on the sessions it would join. Use
     * {@link #lateRule}.
     */
    @Override
    public int lateDrops(long timestampMs, long streamTimeMs) {
        throw new UnsupportedOperationException("a session record's lateness depends on its key's sessions: use lateRule");
    }

    /**
     * Kafka's own decision, one drop per record (a dropped record joins no session): the sessions the aggregation
     * is about to find for the record are read from the same store, just before it, in the same task, so the
     * merged end is the one Kafka compares with {@code streamTime - grace - gap}.
     */
    @Override
    public LateRule lateRule(ProcessingContext context) {
        SessionStore<String, ?> store = context.getStateStore(STORE);
        long closeOffsetMs = windows.gracePeriodMs() + gapMs;
        return (key, timestampMs, streamTimeMs) -> {
            long mergedEndMs = timestampMs;
            try (KeyValueIterator<Windowed<String>, ?> sessions =
                         store.findSessions(key, timestampMs - gapMs, timestampMs + gapMs)) {
                while (sessions.hasNext()) {
                    mergedEndMs = Math.max(mergedEndMs, sessions.next().key.window().end());
                }
            }
            return mergedEndMs < streamTimeMs - closeOffsetMs ? 1 : 0;
        };
    }

    @Override
    public String[] lateRuleStores() {
        return new String[] {STORE};
    }

    /**
     * Without the record cache: with it, the store below the cache learns its stream time only when the cache is
     * flushed (on commit or eviction), so whether a late record still finds a session just past gap + grace, and
     * hence whether it merges, starts a session or is dropped, would depend on commit timing. Without it every
     * lookup sees the store as of the previous record, which the oracle can replay.
     */
    @Override
    public KTable<Windowed<String>, WindowAgg> aggregate(KGroupedStream<String, Contribution> grouped) {
        return grouped.windowedBy(windows)
                .aggregate(() -> WindowAgg.EMPTY, (key, contribution, agg) -> agg.add(contribution),
                        (key, left, right) -> left.merge(right),
                        Named.as("aggregate"),
                        Materialized.<String, WindowAgg, SessionStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(WindowAgg.serde())
                                .withCachingDisabled());
    }
}

package io.streamsim.streams;

import io.streamsim.model.Enrichment;
import io.streamsim.model.Event;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.Watermark;
import io.streamsim.model.scenario.EnrichStep;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.ValueJoiner;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich step ({@link EnrichStep}): joins every event with its key's row of the reference topic and stamps the
 * row's attributes and version on it ({@link Enrichment}), so that a later groupBy can key by them and the oracle can
 * tell which version was used.
 *
 * <p>Broadcast: a GlobalKTable over the reference topic (store {@value #GLOBAL_STORE}), looked up by the event key;
 * every instance reads the whole topic and joins with the row it holds when the event is processed. Shuffle: a
 * KTable over the reference topic (store {@value #TABLE_STORE}), which Kafka co-partitions with the input (both
 * keyed by the event key, the reference topic created with the input's partition count, which Kafka 4.3.1 checks at
 * assignment for two source topics); the stream is never re-keyed before this step (only dedup may precede it), so
 * no repartition topic is needed. Unversioned, the join uses the row latest processed in the task; versioned
 * ({@code Stores.persistentVersionedKeyValueStore(name, history)}), it looks the row up as of the event's timestamp:
 * with updates at 10s (v1) and 20s (v2), an event at 15s gets v1 even when v2 was read first, an event at 9.999s v0;
 * an event older than the table's stream time minus {@code history} finds nothing (pinned by EnrichStepTest).
 *
 * <p>{@code onMissing: drop} is an inner join, {@code keep} a left join (the event then carries
 * {@link Enrichment#MISSING}). The end-of-stream {@link Watermark}s bypass the join (an inner join would drop them,
 * their key having no row): they are split off before it and merged back after, in the same task and order, since a
 * record goes through every processor downstream before the next is taken.
 */
final class EnrichStepBuilder {

    static final String GLOBAL_STORE = "reference-global";
    static final String TABLE_STORE = "reference-table";

    private EnrichStepBuilder() {
    }

    static KStream<String, Event> apply(StreamsBuilder builder, KStream<String, Event> events, EnrichStep step,
                                        String referenceTopic) {
        Map<String, KStream<String, Event>> branches = events.split(Named.as("enrich-"))
                .branch((key, event) -> event instanceof Watermark, Branched.as("watermarks"))
                .defaultBranch(Branched.as("events"));
        KStream<String, Event> toJoin = branches.get("enrich-events");
        ValueJoiner<Event, ReferenceRow, Event> joiner = (event, row) ->
                event.withEnrichment(row == null ? Enrichment.MISSING : Enrichment.of(row));
        boolean inner = step.onMissing() == EnrichStep.OnMissing.DROP;
        Consumed<String, ReferenceRow> consumed = Consumed.with(Serdes.String(), StreamsimSerdes.referenceRows())
                .withName("reference");
        KStream<String, Event> joined;
        if (step.join() == EnrichStep.Join.BROADCAST) {
            GlobalKTable<String, ReferenceRow> table = builder.globalTable(referenceTopic, consumed,
                    Materialized.<String, ReferenceRow, KeyValueStore<Bytes, byte[]>>as(GLOBAL_STORE)
                            .withKeySerde(Serdes.String()).withValueSerde(StreamsimSerdes.referenceRows()));
            joined = inner
                    ? toJoin.join(table, (key, event) -> key, joiner, Named.as("enrich-join"))
                    : toJoin.leftJoin(table, (key, event) -> key, joiner, Named.as("enrich-join"));
        } else {
            Materialized<String, ReferenceRow, KeyValueStore<Bytes, byte[]>> materialized = step.versionedHistory()
                    .map(history -> Materialized.<String, ReferenceRow>as(
                            Stores.persistentVersionedKeyValueStore(TABLE_STORE, history)))
                    .orElseGet(() -> Materialized.as(TABLE_STORE));
            KTable<String, ReferenceRow> table = builder.table(referenceTopic, consumed,
                    materialized.withKeySerde(Serdes.String()).withValueSerde(StreamsimSerdes.referenceRows()));
            Joined<String, Event, ReferenceRow> joined2 = Joined.<String, Event, ReferenceRow>with(Serdes.String(),
                    StreamsimSerdes.events(), StreamsimSerdes.referenceRows()).withName("enrich-join");
            joined = inner ? toJoin.join(table, joiner, joined2) : toJoin.leftJoin(table, joiner, joined2);
        }
        return joined.merge(branches.get("enrich-watermarks"), Named.as("enrich-merge"));
    }
}

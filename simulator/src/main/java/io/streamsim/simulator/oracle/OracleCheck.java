package io.streamsim.simulator.oracle;

import io.streamsim.model.EventCodec;
import io.streamsim.model.Headers;
import io.streamsim.model.ReferenceCodec;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.Watermark;
import io.streamsim.model.WindowResult;
import io.streamsim.model.oracle.EnrichAudit;
import io.streamsim.model.oracle.Expectation;
import io.streamsim.model.oracle.Mismatch;
import io.streamsim.model.oracle.OracleComparison;
import io.streamsim.model.oracle.OracleVerdict;
import io.streamsim.model.oracle.ReferenceHistory;
import io.streamsim.model.oracle.RepartitionReplay;
import io.streamsim.model.oracle.ViewedTwiceThenBought;
import io.streamsim.model.oracle.WindowKey;
import io.streamsim.model.oracle.WindowOracle;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.simulator.support.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks a finished run's output against the oracle. The input is replayed partition by partition in offset
 * order, with the stream time of an uninterrupted task per partition: after an app restart or a rebalance
 * under Kafka 4.3.1 (which does not restore stream time) a record the oracle drops as late may have been
 * aggregated, and the verdict says so. When windows differ, the input is read a second time tracing only
 * the first {@value OracleComparison#MAX_MISMATCHES} mismatching windows' event ids, so that the details
 * name the event behind a wrong result without keeping every id of the run in memory.
 *
 * <p>With a groupBy step the window tasks see the upstream tasks' records interleaved as timing decided, so the
 * input alone cannot say which records were late: the input says what the repartition topic must hold (stage
 * a: missing records, extra copies), the repartition topic itself (kept: the app never purges it) is replayed
 * in its real order through the window model (stage b: the verdict), and late drops that only that order
 * caused are counted apart (stage c). See {@link RepartitionReplay}.
 */
public final class OracleCheck {

    /** How long {@link #run(Map, String, String, int, TopologySpec, Path)} may read before giving up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** Mismatches listed in {@link OracleReport#counts()}; the details file lists them all (up to 1000). */
    public static final int MISMATCHES_IN_REPORT = 10;

    static final List<String> CSV_COLUMNS = List.of("kind", "key", "windowStart", "windowEnd", "expectedCount",
            "actualCount", "expectedSum", "actualSum", "diagnosis");
    static final String CSV_HEADER = String.join(",", CSV_COLUMNS);
    private static final Duration POLL = Duration.ofMillis(200);

    private OracleCheck() {
    }

    /** {@link #run(Map, String, String, int, TopologySpec, Path, Duration)} within {@link #DEFAULT_TIMEOUT}. */
    public static OracleReport run(Map<String, Object> clientConfig, String inputTopic, String outputTopic,
                                   int partitions, TopologySpec spec, Path detailsFile) throws Exception {
        return run(clientConfig, inputTopic, outputTopic, partitions, spec, detailsFile, DEFAULT_TIMEOUT);
    }

    /**
     * @param clientConfig {@code bootstrap.servers} plus any security settings
     * @param detailsFile  written as CSV, one line per listed mismatch after a header (header only when exact)
     * @param timeout      for reading both topics up to their end offsets (twice the input when windows differ)
     * @throws TimeoutException when a topic is not read to its end offsets within {@code timeout}
     */
    public static OracleReport run(Map<String, Object> clientConfig, String inputTopic, String outputTopic,
                                   int partitions, TopologySpec spec, Path detailsFile, Duration timeout)
            throws Exception {
        return run(clientConfig, inputTopic, outputTopic, partitions, spec, detailsFile, timeout, null);
    }

    /**
     * With a groupBy step, the window step's expectation comes from the repartition topic as Kafka wrote it
     * ({@link RepartitionReplay}): the input says which records it must hold, the topic says in which order the
     * window tasks saw them. Without groupBy, {@code repartitionTopic} is ignored and only the input is read.
     *
     * @param repartitionTopic the groupBy step's repartition topic (its records kept for the run), or null
     */
    public static OracleReport run(Map<String, Object> clientConfig, String inputTopic, String outputTopic,
                                   int partitions, TopologySpec spec, Path detailsFile, Duration timeout,
                                   String repartitionTopic) throws Exception {
        boolean replayRepartition = spec.groupBy().isPresent() && repartitionTopic != null;
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamsim-oracle");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> inputEnd = endOffsets(consumer, inputTopic, partitions, deadlineNanos);
            Map<TopicPartition, Long> outputEnd = endOffsets(consumer, outputTopic, partitions, deadlineNanos);

            // reference.partitions may differ from the input's (a broadcast join): ask the topic itself.
            String referenceTopic = ReferenceSchema.topicBeside(inputTopic);
            int referencePartitions = spec.enrich().isEmpty() ? partitions
                    : consumer.partitionsFor(referenceTopic, timeout).size();
            EnrichFigures.FootprintBuilder footprint = new EnrichFigures.FootprintBuilder(referencePartitions);
            ReferenceHistory reference = spec.enrich().isEmpty() ? null
                    : readReference(consumer, referenceTopic, referencePartitions, footprint, deadlineNanos, timeout);
            WindowOracle oracle = new WindowOracle(spec, window -> false, partitions, reference);
            long[] backfill = new long[3];
            long inputRead = read(consumer, inputEnd, r -> acceptCountingBackfill(oracle, r, backfill), deadlineNanos,
                    timeout);
            Map<TopicPartition, Long> repartitionEnd = null;
            RepartitionReplay replay = null;
            EnrichAudit audit = null;
            if (replayRepartition) {
                repartitionEnd = endOffsets(consumer, repartitionTopic, partitions, deadlineNanos);
                RepartitionReplay fresh = new RepartitionReplay(spec, oracle.repartition().orElseThrow(), partitions,
                        window -> false);
                EnrichAudit enrichAudit = reference == null ? null : new EnrichAudit(reference);
                read(consumer, repartitionEnd, r -> {
                    accept(fresh, r);
                    if (enrichAudit != null) {
                        audit(enrichAudit, r);
                    }
                }, deadlineNanos, timeout);
                replay = fresh;
                audit = enrichAudit;
            }

            Map<WindowKey, WindowResult> latest = new HashMap<>();
            long[] undecodable = {0};
            long outputRead = read(consumer, outputEnd, r -> {
                WindowResult result;
                try {
                    result = WindowResult.decode(r.value());
                } catch (RuntimeException e) {
                    undecodable[0]++;
                    return;
                }
                WindowKey window = new WindowKey(result.key(), result.windowStart().toEpochMilli());
                if (result.retraction()) {
                    latest.remove(window);
                } else if (!Watermark.KEY.equals(result.key())) {
                    latest.put(window, result);
                }
            }, deadlineNanos, timeout);

            Expectation expected = replay != null ? replay.result() : oracle.result();
            OracleVerdict verdict = OracleComparison.compare(expected, latest);
            if (!verdict.exact()) {
                Set<WindowKey> suspects = new HashSet<>();
                for (Mismatch m : verdict.mismatches()) {
                    suspects.add(new WindowKey(m.key(), m.windowStart().toEpochMilli()));
                }
                if (replay != null) {
                    RepartitionReplay tracing = new RepartitionReplay(spec, oracle.repartition().orElseThrow(),
                            partitions, suspects::contains);
                    read(consumer, repartitionEnd, r -> accept(tracing, r), deadlineNanos, timeout);
                    verdict = OracleComparison.compare(tracing.result(), latest);
                } else {
                    WindowOracle tracing = new WindowOracle(spec, suspects::contains, partitions, reference);
                    read(consumer, inputEnd, r -> accept(tracing, r), deadlineNanos, timeout);
                    verdict = OracleComparison.compare(tracing.result(), latest);
                }
            }
            writeDetails(detailsFile, verdict);
            StepFigures.Repartition repartition = replay == null ? null
                    : StepFigures.Repartition.of(repartitionTopic, replay);
            StepFigures.Dedup dedup = oracle.dedup().map(StepFigures.Dedup::of).orElse(null);
            return new OracleReport(describe(verdict, repartition), verdict.withMismatchesLimitedTo(MISMATCHES_IN_REPORT),
                    inputRead, outputRead, undecodable[0],
                    replay != null ? replay.latenessHistogram() : oracle.latenessHistogram(),
                    backfill[0] == 0 ? null : new OracleReport.BackfillFate(backfill[0], backfill[1], backfill[2]),
                    repartition, dedup, ViewedTwiceThenBought.of(expected.windows(), latest),
                    reference == null ? null
                            : EnrichFigures.of(spec.enrich().get(), reference, oracle.droppedByEnrich(), audit,
                                    footprint.build()));
        }
    }

    /** The verdict, and what never reached the window step: "exact" only when both are clean. */
    static String describe(OracleVerdict verdict, StepFigures.Repartition repartition) {
        String windows = verdict.describe() + resetApart(verdict);
        if (repartition == null || repartition.nothingLost()) {
            return windows;
        }
        String lost = repartition.recordsMissing() + " of " + repartition.recordsExpected()
                + " records missing from the repartition topic";
        return verdict.exact() ? lost : windows + "; " + lost;
    }

    /**
     * The listed mismatches that a stream-time reset explains (the late records the uninterrupted run drops were
     * aggregated by a task created anew), said apart: their outcome is timing Kafka does not fix, not a lost or
     * doubled event. Empty when there are none.
     */
    static String resetApart(OracleVerdict verdict) {
        long byReset = verdict.mismatches().stream().filter(OracleComparison::explainedByStreamTimeReset).count();
        if (byReset == 0) {
            return "";
        }
        long mismatched = verdict.windowsMissing() + verdict.windowsWrong() + verdict.windowsUnexpected();
        String of = verdict.mismatches().size() < mismatched
                ? "of the " + verdict.mismatches().size() + " listed (the first; the others were not traced), "
                : "of these, ";
        return "; " + of + byReset + " explained by " + OracleComparison.STREAM_TIME_RESET
                + " (Kafka does not restore a window task's stream time: timing-dependent, listed with their events"
                + " in oracle-mismatches.csv)";
    }

    /**
     * Every row version on the reference topic (compacted: a version the log cleaner already removed is not there;
     * the cleaner never touches the active segment, which in a run of minutes holds the whole topic).
     */
    private static ReferenceHistory readReference(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                  int partitions, EnrichFigures.FootprintBuilder footprint,
                                                  long deadlineNanos, Duration timeout)
            throws TimeoutException {
        ReferenceHistory reference = new ReferenceHistory();
        read(consumer, endOffsets(consumer, topic, partitions, deadlineNanos), r -> {
            footprint.accept(r.partition(), r.key(), r.value());
            try {
                reference.accept(ReferenceCodec.decode(r.value()));
            } catch (RuntimeException e) {
                // not a row: the app's join skips it too (its deserialization handler)
            }
        }, deadlineNanos, timeout);
        return reference;
    }

    private static void audit(EnrichAudit audit, ConsumerRecord<byte[], byte[]> r) {
        try {
            audit.accept(EventCodec.decode(r.value()));
        } catch (RuntimeException e) {
            // counted as undecodable by the replay
        }
    }

    private static void accept(RepartitionReplay replay, ConsumerRecord<byte[], byte[]> r) {
        replay.accept(r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
    }

    /**
     * Feeds {@code r}; for a backfilled record, adds 1, its late record (0 or 1) and dropped pairs to {@code fate}.
     * With a groupBy the window step's drops are the repartition replay's, so the fate counts none there.
     */
    private static void acceptCountingBackfill(WindowOracle oracle, ConsumerRecord<byte[], byte[]> r, long[] fate) {
        if (r.headers().lastHeader(Headers.BACKFILL) == null) {
            accept(oracle, r);
            return;
        }
        long lateBefore = oracle.lateRecords();
        long droppedBefore = oracle.droppedLate();
        accept(oracle, r);
        fate[0]++;
        fate[1] += oracle.lateRecords() - lateBefore;
        fate[2] += oracle.droppedLate() - droppedBefore;
    }

    private static void accept(WindowOracle oracle, ConsumerRecord<byte[], byte[]> r) {
        oracle.accept(r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                        int partitions, long deadlineNanos) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        // read_committed: the last stable offsets, so an open transaction's records are never waited for.
        return consumer.endOffsets(tps, remaining(deadlineNanos));
    }

    /** Reads every partition of {@code end} from its beginning up to (excluding) its end offset; returns the count. */
    private static long read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
                             Consumer<ConsumerRecord<byte[], byte[]>> sink, long deadlineNanos, Duration timeout)
            throws TimeoutException {
        List<TopicPartition> tps = new ArrayList<>(end.keySet());
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Set<TopicPartition> remaining = new HashSet<>();
        for (TopicPartition tp : tps) {
            if (consumer.position(tp, remaining(deadlineNanos)) < end.get(tp)) {
                remaining.add(tp);
            }
        }
        consumer.pause(difference(tps, remaining));
        long read = 0;
        while (!remaining.isEmpty()) {
            if (System.nanoTime() > deadlineNanos) {
                StringBuilder where = new StringBuilder();
                for (TopicPartition tp : remaining) {
                    where.append(' ').append(tp).append(" at ").append(consumer.position(tp)).append(" of ")
                            .append(end.get(tp));
                }
                throw new TimeoutException("oracle: end offsets not reached within " + timeout.toSeconds() + "s:" + where);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) {
                    sink.accept(r);
                    read++;
                }
            }
            List<TopicPartition> done = new ArrayList<>();
            for (TopicPartition tp : remaining) {
                if (consumer.position(tp, remaining(deadlineNanos)) >= end.get(tp)) {
                    done.add(tp);
                }
            }
            consumer.pause(done);
            done.forEach(remaining::remove);
        }
        consumer.unsubscribe();
        return read;
    }

    private static List<TopicPartition> difference(List<TopicPartition> all, Set<TopicPartition> minus) {
        List<TopicPartition> rest = new ArrayList<>(all);
        rest.removeAll(minus);
        return rest;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    static void writeDetails(Path file, OracleVerdict verdict) throws IOException {
        try (CsvWriter csv = CsvWriter.create(file)) {
            csv.row(CSV_COLUMNS);
            for (Mismatch m : verdict.mismatches()) {
                csv.row(m.kind().name(), m.key(), m.windowStart().toString(), m.windowEnd().toString(),
                        Long.toString(m.expectedCount()), Long.toString(m.actualCount()),
                        Long.toString(m.expectedSum()), Long.toString(m.actualSum()), m.diagnosis());
            }
        }
    }
}

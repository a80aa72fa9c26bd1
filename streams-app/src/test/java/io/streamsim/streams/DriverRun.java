package io.streamsim.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsim.model.ReferenceRow;
import io.streamsim.model.ReferenceSchema;
import io.streamsim.model.StreamsimSerdes;
import io.streamsim.model.WindowResult;
import io.streamsim.model.oracle.Expectation;
import io.streamsim.model.oracle.OracleComparison;
import io.streamsim.model.oracle.OracleVerdict;
import io.streamsim.model.oracle.WindowKey;
import io.streamsim.model.oracle.WindowOracle;
import io.streamsim.model.scenario.TopologySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One case of an oracle property test, run: the records piped in order through the real topology in a
 * {@link TopologyTestDriver} and, one by one, through the {@link WindowOracle}. The driver runs one task, so the
 * oracle sees everything as partition 0 in pipe order. Rows of the reference table are piped to the table topic
 * just before the record they are listed at, and the oracle is told when. The record cache is off, so eager
 * results are written per record and no result depends on when the cache flushes.
 *
 * @param results      the output topic's records, in order (retractions included)
 * @param kafkaDropped Kafka's own dropped-records total for the run (late drops and skipped poison)
 */
record DriverRun(TopologySpec spec, WindowOracle oracle, AppMeters meters, List<WindowResult> results,
                 long kafkaDropped) {

    private static final String IN = "events";
    private static final String OUT = "windows";

    /** {@link #of(String, TopologySpec, WindowOracle, List, Map, Path)} without a reference table. */
    static DriverRun of(String name, TopologySpec spec, WindowOracle oracle, List<TestRecord<String, byte[]>> records,
                        Path stateDir) {
        return of(name, spec, oracle, records, Map.of(), stateDir);
    }

    /**
     * @param name        the application id and meter prefix
     * @param tableBefore reference rows to pipe before the record at that index of {@code records}
     */
    static DriverRun of(String name, TopologySpec spec, WindowOracle oracle, List<TestRecord<String, byte[]>> records,
                        Map<Integer, List<ReferenceRow>> tableBefore, Path stateDir) {
        AppMeters meters = new AppMeters(new SimpleMeterRegistry(), name);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                WindowedAggregation.build(spec, IN, OUT, meters, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)),
                props, Instant.EPOCH)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(IN, new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, WindowResult> output = driver.createOutputTopic(OUT, new StringDeserializer(),
                    StreamsimSerdes.windowResults().deserializer());
            TestInputTopic<String, ReferenceRow> table = spec.enrich().isEmpty() ? null
                    : driver.createInputTopic(ReferenceSchema.topicBeside(IN), new StringSerializer(),
                            StreamsimSerdes.referenceRows().serializer());
            long offset = 0;
            for (int i = 0; i < records.size(); i++) {
                if (table != null) {
                    for (ReferenceRow row : tableBefore.getOrDefault(i, List.of())) {
                        table.pipeInput(row.key(), row, row.validFrom());
                        oracle.observeTableRecord(0, row.validFrom().toEpochMilli());
                    }
                }
                TestRecord<String, byte[]> r = records.get(i);
                input.pipeInput(r);
                oracle.accept(0, offset++, r.timestamp(),
                        r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value());
            }
            return new DriverRun(spec, oracle, meters, output.readValuesToList(),
                    StreamsApp.droppedRecordsTotal(driver.metrics()));
        }
    }

    /** The latest result of every window: later results replace earlier ones, a retraction removes the window. */
    Map<WindowKey, WindowResult> latest() {
        Map<WindowKey, WindowResult> latest = new HashMap<>();
        for (WindowResult r : results) {
            WindowKey window = new WindowKey(r.key(), r.windowStart().toEpochMilli());
            if (r.retraction()) {
                latest.remove(window);
            } else {
                latest.put(window, r);
            }
        }
        return latest;
    }

    Expectation expected() {
        return oracle.result();
    }

    OracleVerdict verdict() {
        return OracleComparison.compare(expected(), latest());
    }

    /** The verdict's description with its first mismatches, for an assertion's message. */
    String describe(long seed) {
        OracleVerdict verdict = verdict();
        return "seed " + seed + ", " + spec + ": " + verdict.describe() + " "
                + verdict.withMismatchesLimitedTo(5).mismatches();
    }
}

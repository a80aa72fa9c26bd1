package io.streamsim.streams;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Renames the meters of Micrometer's Kafka binders ({@code KafkaClientMetrics}, {@code KafkaStreamsMetrics}) to
 * Prometheus conventions, so that {@code promtool check metrics} passes on our endpoints without dropping any of
 * Kafka's metrics. The binders name a meter {@code kafka.<group>.<Kafka's name>}, dashes turned to dots, and keep
 * Kafka's unit abbreviations and {@code -count} gauges, which promtool rejects. For ids named {@code kafka.*} only:
 * <ul>
 *   <li>A gauge or counter with a time-unit token {@code ns}, {@code us} or {@code ms} (tokens: the name split on
 *       dots) loses the token, gets {@code seconds} as its last token and base unit, and a value scale of 1e-9,
 *       1e-6 or 1e-3 that {@link PrometheusRegistries} applies to its value. A counter first drops a trailing
 *       {@code total}, which Prometheus puts back after the unit. The unit stays in the Micrometer name (not only
 *       in the base unit) because a Micrometer id is its name and tags: {@code x.time.ns.avg} renamed to
 *       {@code x.time.avg} would be the same meter as a Kafka metric {@code x-time-avg}, and one of the two would
 *       be lost. Exported: gauge {@code kafka.producer.io.time.ns.avg} as {@code kafka_producer_io_time_avg_seconds},
 *       counter {@code kafka.producer.io.time.ns.total} as {@code kafka_producer_io_time_seconds_total}, gauge
 *       {@code kafka.app.info.start.time.ms} as {@code kafka_app_info_start_time_seconds} (a Unix time).</li>
 *   <li>A gauge whose last token is {@code count} would read as a histogram's {@code _count} series:
 *       {@code connection.count} becomes {@code connections}, {@code active.buffer.count} (Kafka Streams'
 *       records buffered by a task) {@code active.buffered.records}, and any other {@code x.count} gauge
 *       {@code x.size}, the name Micrometer gives "how many there are now" (e.g. {@code cache.size}).</li>
 *   <li>A blank description (Kafka gives none to e.g. {@code node-request-latency-avg}) becomes
 *       "Kafka client metric &lt;name&gt; (Kafka gives it no description)", one text per name as Prometheus has one
 *       {@code HELP} per name; a scaled meter's description says it is in seconds, as Kafka's may name the
 *       original unit.</li>
 * </ul>
 * As a {@link MeterFilter} it remembers each scaled name's scale for {@link #scaleOf(Meter.Id)}. Scales are kept per
 * name, not per id: the scale follows from the name, the map stays as small as the set of Kafka's metric names
 * while per-node and per-task tag sets come and go, and filters configured after this one (common tags) still
 * change the id the registry finally sees.
 */
public final class KafkaMeterNames implements MeterFilter {

    static final String PREFIX = "kafka.";
    private static final Map<String, Double> TIME_UNIT_SCALES = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3);
    private static final Map<String, String> TIME_UNIT_WORDS =
            Map.of("ns", "nanoseconds", "us", "microseconds", "ms", "milliseconds");
    private static final Map<String, String> COUNT_GAUGES =
            Map.of("connection.count", "connections", "active.buffer.count", "active.buffered.records");

    private final ConcurrentMap<String, Double> scales = new ConcurrentHashMap<>();
    /** Kafka meter name -> the name it was given, for every name changed. */
    private final ConcurrentMap<String, String> exportedNames = new ConcurrentHashMap<>();

    /**
     * @param id    the renamed id
     * @param scale what the meter's value is multiplied by to be in the renamed id's base unit; 1 when unchanged
     */
    public record Renamed(Meter.Id id, double scale) {
    }

    /** The Prometheus-conventional id for {@code id}; ids not named {@code kafka.*} come back as they are. */
    public static Renamed rename(Meter.Id id) {
        String name = id.getName();
        if (!name.startsWith(PREFIX)) {
            return new Renamed(id, 1.0);
        }
        String description = description(id);
        List<String> tokens = new ArrayList<>(Arrays.asList(name.split("\\.")));
        String baseUnit = id.getBaseUnit();
        double scale = 1.0;
        int unitAt = timeUnitToken(tokens);
        // Only gauges and counters: theirs are the values PrometheusRegistries scales. A meter that already has a
        // base unit was given it on purpose.
        boolean scalable = id.getType() == Meter.Type.GAUGE || id.getType() == Meter.Type.COUNTER;
        if (scalable && baseUnit == null && unitAt >= 0) {
            String unit = tokens.remove(unitAt);
            scale = TIME_UNIT_SCALES.get(unit);
            if (id.getType() == Meter.Type.COUNTER && last(tokens).equals("total")) {
                tokens.remove(tokens.size() - 1);
            }
            tokens.add("seconds");
            baseUnit = "seconds";
            description = description + " (exported in seconds; Kafka reports " + TIME_UNIT_WORDS.get(unit) + ")";
        }
        String renamed = String.join(".", tokens);
        if (id.getType() == Meter.Type.GAUGE && last(tokens).equals("count")) {
            renamed = renamedCountGauge(renamed);
        }
        return new Renamed(new Meter.Id(renamed, Tags.of(id.getTagsAsIterable()), baseUnit, description,
                id.getType()), scale);
    }

    /**
     * Renames as {@link #rename(Meter.Id)} does and remembers the scale of a scaled name. Should two Kafka names
     * become one name with different scales (say {@code x.ns.avg} and {@code x.ms.avg}), the second keeps its
     * Kafka name, with a filled-in description but unscaled: promtool then names it, and no value is wrong.
     */
    @Override
    public Meter.Id map(Meter.Id id) {
        Meter.Id mapped = mapAndScale(id);
        if (!mapped.getName().equals(id.getName())) {
            exportedNames.put(id.getName(), mapped.getName());
        }
        return mapped;
    }

    private Meter.Id mapAndScale(Meter.Id id) {
        Renamed renamed = rename(id);
        if (renamed.scale() == 1.0) {
            return renamed.id();
        }
        Double known = scales.putIfAbsent(renamed.id().getName(), renamed.scale());
        if (known != null && known != renamed.scale()) {
            return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description(id),
                    id.getType());
        }
        return renamed.id();
    }

    /** The name a meter registered as {@code kafkaName} was given, or {@code kafkaName} when it kept it. */
    public String exportedName(String kafkaName) {
        return exportedNames.getOrDefault(kafkaName, kafkaName);
    }

    /** What the value of the meter {@code mappedId} (an id after all filters) is multiplied by; 1 for most. */
    public double scaleOf(Meter.Id mappedId) {
        return scales.getOrDefault(mappedId.getName(), 1.0);
    }

    private static String description(Meter.Id id) {
        return isBlank(id.getDescription())
                ? "Kafka client metric " + id.getName() + " (Kafka gives it no description)"
                : id.getDescription();
    }

    private static int timeUnitToken(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (TIME_UNIT_SCALES.containsKey(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String renamedCountGauge(String name) {
        for (Map.Entry<String, String> e : COUNT_GAUGES.entrySet()) {
            if (name.endsWith("." + e.getKey())) {
                return name.substring(0, name.length() - e.getKey().length()) + e.getValue();
            }
        }
        return name.substring(0, name.length() - "count".length()) + "size";
    }

    private static String last(List<String> tokens) {
        return tokens.get(tokens.size() - 1);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

package io.streamsim.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How each stream thread of an instance spends its time, by Kafka Streams' own thread-level ratios (group
 * {@code stream-thread-metrics}, INFO level): {@code process-ratio}, {@code punctuate-ratio}, {@code commit-ratio},
 * {@code poll-ratio}, each the share of the thread's elapsed time in that part of its loop over Kafka's latest
 * measurement window; they add up to about 1. Served as JSON at {@link #PATH} for the simulator, which reads it once
 * a second: the whole {@code /metrics} text is ~470 KB and takes most of a second to render on two cores, this is a
 * few hundred bytes.
 *
 * <p>Example: {@code [{"thread":"app-1-StreamThread-1","process":0.91,"punctuate":0.0,"commit":0.04,"poll":0.05}]}.
 */
public final class ThreadRatios {

    /** Where an instance's {@link MetricsServer} serves them (loopback callers only). */
    public static final String PATH = "/threads";

    private static final String GROUP = "stream-thread-metrics";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ThreadRatios() {
    }

    /** One thread's ratios; {@code thread} is Kafka's {@code thread-id}. A ratio Kafka has not measured yet is 0. */
    public record ThreadRatio(String thread, double process, double punctuate, double commit, double poll) {
    }

    /** The ratios of every thread among {@code metrics} (a {@code KafkaStreams#metrics()} map), by thread id. */
    public static List<ThreadRatio> of(Map<MetricName, ? extends Metric> metrics) {
        Map<String, double[]> byThread = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if (!GROUP.equals(name.group())) {
                continue;
            }
            int slot = switch (name.name()) {
                case "process-ratio" -> 0;
                case "punctuate-ratio" -> 1;
                case "commit-ratio" -> 2;
                case "poll-ratio" -> 3;
                default -> -1;
            };
            String thread = name.tags().get("thread-id");
            if (slot < 0 || thread == null) {
                continue;
            }
            double value = e.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0;
            byThread.computeIfAbsent(thread, t -> new double[4])[slot] = Double.isFinite(value) ? value : 0;
        }
        return byThread.entrySet().stream().map(t -> new ThreadRatio(t.getKey(), t.getValue()[0], t.getValue()[1],
                t.getValue()[2], t.getValue()[3])).toList();
    }

    public static String toJson(List<ThreadRatio> ratios) {
        try {
            return JSON.writeValueAsString(ratios);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // strings and numbers: cannot fail
        }
    }

    public static List<ThreadRatio> fromJson(String json) throws IOException {
        return JSON.readValue(json, new TypeReference<List<ThreadRatio>>() { });
    }
}

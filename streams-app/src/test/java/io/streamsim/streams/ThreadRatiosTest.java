package io.streamsim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class ThreadRatiosTest {

    private static Map.Entry<MetricName, KafkaMetric> metric(String group, String name, String thread, double value) {
        MetricName n = new MetricName(name, group, "", thread == null ? Map.of() : Map.of("thread-id", thread));
        Measurable m = (config, now) -> value;
        return Map.entry(n, new KafkaMetric(new Object(), n, m, new MetricConfig(), Time.SYSTEM));
    }

    @Test
    void of_streamThreadRatios_areGroupedByThreadAndOtherMetricsIgnored() {
        Map<MetricName, KafkaMetric> metrics = Map.ofEntries(
                metric("stream-thread-metrics", "process-ratio", "t-StreamThread-1", 0.9),
                metric("stream-thread-metrics", "commit-ratio", "t-StreamThread-1", 0.04),
                metric("stream-thread-metrics", "poll-ratio", "t-StreamThread-1", 0.05),
                metric("stream-thread-metrics", "punctuate-ratio", "t-StreamThread-1", Double.NaN),
                metric("stream-thread-metrics", "process-rate", "t-StreamThread-1", 5000),
                metric("stream-thread-metrics", "poll-ratio", "t-StreamThread-2", 0.97),
                metric("consumer-metrics", "poll-ratio", "t-StreamThread-2", 0.5));

        List<ThreadRatios.ThreadRatio> ratios = ThreadRatios.of(metrics);

        assertThat(ratios).containsExactly(
                new ThreadRatios.ThreadRatio("t-StreamThread-1", 0.9, 0, 0.04, 0.05),
                new ThreadRatios.ThreadRatio("t-StreamThread-2", 0, 0, 0, 0.97));
    }

    @Test
    void fromJson_whatToJsonWrites_roundTrips() throws Exception {
        List<ThreadRatios.ThreadRatio> ratios = List.of(new ThreadRatios.ThreadRatio("a-StreamThread-1", 0.5, 0.1, 0.2, 0.2));

        assertThat(ThreadRatios.fromJson(ThreadRatios.toJson(ratios))).isEqualTo(ratios);
    }
}

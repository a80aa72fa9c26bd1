package io.streamsim.simulator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void metricNames_aggregationWithRangeAndGrouping_namesOnlyTheMetric() {
        assertThat(PromQl.metricNames("sum by (reason) (rate(streamsim_streams_records_dropped_total[$__rate_interval]))"))
                .containsExactly("streamsim_streams_records_dropped_total");
    }

    @Test
    void metricNames_histogramQuantile_ignoresNumbersAndTheLeLabel() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(streamsim_pipeline_end_to_end_latency_seconds_bucket[1m])))"))
                .containsExactly("streamsim_pipeline_end_to_end_latency_seconds_bucket");
    }

    @Test
    void metricNames_matchersStringsAndBinaryOperators_areNotMetrics() {
        assertThat(PromQl.metricNames("a_total{reason=\"late\", x=~\"b_c\"} / on (instance) b_total > 0 and c unless d"))
                .containsExactly("a_total", "b_total", "c", "d");
    }

    @Test
    void metricNames_aggregationWithGroupingFirst_isNotAMetric() {
        assertThat(PromQl.metricNames("max by (topic, partition) (lag_records) + min without (x) (other)"))
                .containsExactly("lag_records", "other");
    }

    @Test
    void withGrafanaVariables_rateInterval_becomesTheGivenRange() {
        assertThat(PromQl.withGrafanaVariables("rate(x[$__rate_interval]) + increase(y[$__interval])", "15s"))
                .isEqualTo("rate(x[15s]) + increase(y[15s])");
    }
}

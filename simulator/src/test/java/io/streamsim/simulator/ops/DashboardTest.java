package io.streamsim.simulator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard, without Grafana: structure, datasource, and the metrics its queries name. */
class DashboardTest {

    /** Metrics the dashboard must show, one per question it answers. */
    private static final Set<String> REQUIRED_METRICS = Set.of(
            "streamsim_producer_records_sent_total",
            "streamsim_streams_records_processed_total",
            "streamsim_consumer_lag_records",
            "streamsim_streams_event_lateness_seconds_bucket",
            "streamsim_pipeline_end_to_end_latency_seconds_bucket",
            "streamsim_streams_records_dropped_total",
            "streamsim_streams_records_dead_lettered_total",
            "streamsim_streams_rebalances_total",
            "streamsim_streams_state");

    /** Grafana variables a query may use: the interval ones, replaced by Grafana itself. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");

    private static Path root;
    private static GrafanaDashboard dashboard;

    @BeforeAll
    static void read() throws Exception {
        root = OpsFiles.repoRoot();
        dashboard = GrafanaDashboard.read(root.resolve("dashboards/grafana/streamsim.json"));
    }

    @Test
    void dashboard_parses_withUidTitleAndUniquePanelIds() {
        assertThat(dashboard.json().path("uid").asText()).isEqualTo("streamsim");
        assertThat(dashboard.json().path("title").asText()).isNotBlank();
        List<Integer> ids = dashboard.allPanels().stream().map(p -> p.path("id").asInt(-1)).toList();
        assertThat(ids).doesNotContain(-1).doesNotHaveDuplicates();
        assertThat(dashboard.panelQueries()).isNotEmpty();
    }

    @Test
    void everyQuery_isNonEmptyAndUsesOnlyGrafanasIntervalVariables() {
        for (GrafanaDashboard.Query q : dashboard.allQueries()) {
            assertThat(q.expr()).as(q.where()).isNotBlank();
            Matcher m = VARIABLE.matcher(q.expr());
            while (m.find()) {
                assertThat(GRAFANA_VARIABLES).as(q.where() + ": variable $" + m.group(1)).contains(m.group(1));
            }
            assertThat(PromQl.metricNames(q.expr())).as(q.where() + " selects a metric").isNotEmpty();
        }
    }

    @Test
    void everyQuery_usesTheProvisionedPrometheusDatasource() throws Exception {
        Map<String, Object> provisioning = OpsFiles.map(OpsFiles.loadYaml(
                root.resolve("dashboards/grafana/provisioning/datasources/prometheus.yaml")), "datasources file");
        Set<String> uids = OpsFiles.list(provisioning.get("datasources")).stream()
                .map(d -> OpsFiles.map(d, "datasource"))
                .filter(d -> "prometheus".equals(d.get("type")))
                .map(d -> String.valueOf(d.get("uid"))).collect(Collectors.toSet());
        assertThat(uids).hasSize(1);
        for (GrafanaDashboard.Query q : dashboard.allQueries()) {
            assertThat(q.datasourceUid()).as(q.where()).isEqualTo(uids.iterator().next());
        }
        for (JsonNode p : dashboard.allPanels()) {
            if (!"row".equals(p.path("type").asText())) {
                assertThat(p.path("datasource").path("uid").asText()).as(p.path("title").asText())
                        .isEqualTo(uids.iterator().next());
            }
        }
    }

    @Test
    void queries_nameOnlyStreamsimAndKafkaMetrics_andCoverEveryRequiredOne() {
        Set<String> named = new TreeSet<>();
        for (GrafanaDashboard.Query q : dashboard.panelQueries()) {
            for (String name : PromQl.metricNames(q.expr())) {
                assertThat(name).as(q.where()).matches("(streamsim|kafka)_[a-z0-9_]+");
                named.add(name);
            }
        }
        assertThat(named).containsAll(REQUIRED_METRICS);
        assertThat(new HashSet<>(named)).anyMatch(n -> n.startsWith("kafka_producer_"))
                .anyMatch(n -> n.startsWith("kafka_stream_"));
    }

    @Test
    void faultAnnotation_queriesTheFaultCounter() {
        assertThat(dashboard.annotationQueries()).singleElement().satisfies(q -> {
            assertThat(PromQl.metricNames(q.expr())).containsExactly(DashboardMetricsIT.PROPOSED_FAULT_METRIC);
        });
        JsonNode faults = dashboard.json().path("annotations").path("list").get(1);
        assertThat(faults.path("enable").asBoolean()).isTrue();
        assertThat(faults.path("tagKeys").asText()).isEqualTo("fault");
    }
}

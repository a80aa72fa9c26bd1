package io.streamsim.simulator.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.ScenarioRun;
import io.streamsim.simulator.run.RunOptions;
import io.streamsim.streams.StreamsAppMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The dashboard against what a real run exports. One short scenario runs on the embedded broker for the whole
 * class; beside it, one standalone app instance ({@link StreamsAppMain}, its own application id, reading the
 * run's input topic) plays the part of a docker-compose app replica, so the per-instance metrics
 * ({@code streamsim_streams_state}, lateness and result latency histograms, {@code kafka_stream_*}) come from a
 * real instance endpoint, not from the simulator's aggregate. A real Prometheus (when installed) scrapes both
 * every second and must return data for every dashboard query.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardMetricsIT {

    /** Proposed to the lead; the fault annotation queries it. Until the simulator exports it, it may be missing. */
    static final String PROPOSED_FAULT_METRIC = "streamsim_faults_applied_total";

    private static final Path SCENARIO = Path.of("src/test/resources/ops/ops-metrics.yaml");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(60);
    /** Stands for Grafana's $__rate_interval: 15 scrapes at the 1 s interval below. */
    private static final String RATE_RANGE = "15s";
    private static final Pattern METRICS_LINE = Pattern.compile("Metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final Pattern BROKER_LINE = Pattern.compile("Kafka \\S+ up at (\\S+)");
    private static final Pattern APP_PORT_LINE = Pattern.compile(
            Pattern.quote(StreamsAppMain.READY_PREFIX) + "metrics-port=(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path work;

    private static GrafanaDashboard dashboard;
    private static ScenarioRun run;
    private static Thread runThread;
    private static final StringWriter RUN_CONSOLE = new StringWriter();
    private static StreamsAppMain app;
    private static Thread appThread;
    private static final StringWriter APP_OUT = new StringWriter();
    private static URI simulatorMetrics;
    private static URI appMetrics;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startRunAppInstanceAndPrometheus() throws Exception {
        dashboard = GrafanaDashboard.read(OpsFiles.repoRoot().resolve("dashboards/grafana/streamsim.json"));
        Scenario scenario = ScenarioLoader.load(SCENARIO);
        RunOptions options = new RunOptions(null, Map.of(), work.resolve("runs"), "127.0.0.1", 0,
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        run = new ScenarioRun(scenario, SCENARIO, options, new PrintWriter(RUN_CONSOLE, true), Clock.systemUTC());
        runThread = new Thread(() -> {
            try {
                run.execute();
            } catch (Exception e) {
                RUN_CONSOLE.write("run failed: " + e + "\n");
            }
        }, "ops-it-run");
        runThread.start();

        simulatorMetrics = URI.create(await("the run's metrics line", () -> find(METRICS_LINE, RUN_CONSOLE)));
        String bootstrap = await("the run's broker line", () -> find(BROKER_LINE, RUN_CONSOLE));
        String inputTopic;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            inputTopic = await("the run's input topic", () -> {
                try {
                    return admin.listTopics().names().get(5, TimeUnit.SECONDS).stream()
                            .filter(t -> t.startsWith("streamsim.ops-metrics-") && t.endsWith(".events"))
                            .findFirst().orElse(null);
                } catch (Exception e) {
                    return null;
                }
            });
            admin.createTopics(List.of(new NewTopic("ops-it.windows", 3, (short) 1),
                    new NewTopic("ops-it.dead-letters", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        app = new StreamsAppMain(new PrintWriter(APP_OUT, true), new PrintWriter(APP_OUT, true));
        appThread = new Thread(() -> new CommandLine(app).execute(
                "--bootstrap-servers", bootstrap, "--scenario", SCENARIO.toString(),
                "--application-id", "ops-it-standalone", "--instance-id", "ops-it-standalone",
                "--input-topic", inputTopic, "--output-topic", "ops-it.windows",
                "--dead-letter-topic", "ops-it.dead-letters", "--metrics-port", "0",
                "--state-dir", work.resolve("state").toString()), "ops-it-standalone-app");
        appThread.start();
        appMetrics = URI.create("http://127.0.0.1:" + await("the app instance's metrics port",
                () -> find(APP_PORT_LINE, APP_OUT)) + "/metrics");

        Optional<Path> binary = PrometheusServer.onPath("prometheus");
        if (binary.isPresent()) {
            prometheus = PrometheusServer.start(binary.get(), Files.createDirectories(work.resolve("prometheus")), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: simulator
                        static_configs:
                          - targets: ["%s"]
                      - job_name: streams-app
                        honor_labels: true
                        static_configs:
                          - targets: ["%s"]
                    """.formatted(simulatorMetrics.getAuthority(), appMetrics.getAuthority()));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (app != null) {
            app.requestStop();
            appThread.join(Duration.ofSeconds(60).toMillis());
        }
        if (run != null) {
            run.requestStop();
            runThread.join(Duration.ofSeconds(120).toMillis());
        }
        assertThat(runThread.isAlive()).as("the run stops when asked").isFalse();
    }

    @Test
    @Order(1)
    void dashboardQueries_nameOnlyMetricsThatARealRunAndAppInstanceExport() throws Exception {
        Set<String> named = new TreeSet<>();
        dashboard.panelQueries().forEach(q -> named.addAll(PromQl.metricNames(q.expr())));
        Set<String> exported = new TreeSet<>();
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        // Some meters appear late (Kafka Streams' own are refreshed every second, tasks once assigned): re-scrape.
        while (!exported.containsAll(named) && System.nanoTime() < deadline) {
            exported.addAll(sampleNames(scrape(simulatorMetrics)));
            exported.addAll(sampleNames(scrape(appMetrics)));
            if (!exported.containsAll(named)) {
                Thread.sleep(1000);
            }
        }
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(exported);
        assertThat(missing).as("dashboard metrics missing from the scrapes").isEmpty();

        for (GrafanaDashboard.Query q : dashboard.annotationQueries()) {
            for (String name : PromQl.metricNames(q.expr())) {
                assertThat(exported.contains(name) || name.equals(PROPOSED_FAULT_METRIC))
                        .as(q.where() + ": " + name + " is exported or the proposed fault counter").isTrue();
            }
        }
    }

    @Test
    @Order(2)
    void promtoolCheckMetrics_passesOnBothEndpoints_withNoProblemAtAll() throws Exception {
        Optional<Path> promtool = PrometheusServer.onPath("promtool");
        assumeTrue(promtool.isPresent(), "promtool is not installed (apt-get install prometheus)");
        for (URI endpoint : List.of(simulatorMetrics, appMetrics)) {
            PrometheusServer.PromtoolResult r = PrometheusServer.checkMetrics(promtool.get(), scrape(endpoint), work);
            // promtool: 0 clean, 3 lint problems only, 1 the exposition does not parse. Kafka's own client and
            // Streams metrics included: PrometheusRegistries renames them to Prometheus names and base units.
            assertThat(r.exitCode()).as(endpoint + ":\n" + r.output()).isZero();
            List<String> problems = r.output().lines().filter(l -> !l.isBlank()).toList();
            assertThat(problems).as(endpoint + ": promtool problems").isEmpty();
        }
    }

    @Test
    @Order(3)
    void everyDashboardQuery_hasDataInARealPrometheus() throws Exception {
        assumeTrue(prometheus != null, "prometheus is not installed (apt-get install prometheus)");
        Map<String, String> pending = new LinkedHashMap<>();
        for (GrafanaDashboard.Query q : dashboard.panelQueries()) {
            pending.put(q.where(), PromQl.withGrafanaVariables(q.expr(), RATE_RANGE));
        }
        Set<String> exported = new TreeSet<>(sampleNames(scrape(simulatorMetrics)));
        exported.addAll(sampleNames(scrape(appMetrics)));
        List<String> skipped = new ArrayList<>();
        for (GrafanaDashboard.Query q : dashboard.annotationQueries()) {
            // An annotation only has data at a fault: ask for its metric, not for the fault.
            for (String name : PromQl.metricNames(q.expr())) {
                if (exported.contains(name)) {
                    pending.put(q.where() + " metric " + name, name);
                } else {
                    skipped.add(q.where() + ": " + name + " not exported yet");
                }
            }
        }
        Map<String, String> lastAnswer = new LinkedHashMap<>();
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                JsonNode result = prometheus.query(e.getValue());
                lastAnswer.put(e.getKey(), result.toString());
                if (hasFiniteValue(result)) {
                    it.remove();
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        StringBuilder why = new StringBuilder("queries without data within " + DATA_TIMEOUT + ":\n");
        pending.forEach((where, query) -> why.append(where).append(": ").append(query).append(" -> ")
                .append(lastAnswer.get(where)).append('\n'));
        why.append("targets: ").append(prometheus.targetHealth()).append('\n').append(prometheus.log());
        assertThat(pending).as(why.toString()).isEmpty();
        skipped.forEach(s -> System.out.println("not checked in Prometheus: " + s));
    }

    /** A vector with a sample whose value is a number (not NaN: a quantile over no observations is NaN). */
    private static boolean hasFiniteValue(JsonNode result) {
        for (JsonNode sample : result) {
            String v = sample.path("value").path(1).asText("NaN");
            try {
                if (Double.isFinite(Double.parseDouble(v))) {
                    return true;
                }
            } catch (NumberFormatException notANumber) {
                // e.g. "+Inf": no data in the sense asked here
            }
        }
        return false;
    }

    static String scrape(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(endpoint.toString()).isEqualTo(200);
        return r.body();
    }

    /** The sample names of an exposition, e.g. {@code x_bucket}, {@code x_count}, {@code y_total}. */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    private static String find(Pattern pattern, StringWriter text) {
        Matcher m = pattern.matcher(text.toString());
        return m.find() ? m.group(1) : null;
    }

    /** Polls {@code probe} until it gives a value, at most {@link #STARTUP_TIMEOUT}. */
    private static String await(String what, Supplier<String> probe) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String value = probe.get();
            if (value != null) {
                return value;
            }
            if (!runThread.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within " + STARTUP_TIMEOUT + "; run console:\n" + RUN_CONSOLE
                + "\napp instance:\n" + APP_OUT);
    }

    @Test
    @Order(4)
    void localPrometheusConfig_findsTheRunsAppInstancesThroughItsTargets_andCountsNothingTwice() throws Exception {
        Optional<Path> binary = PrometheusServer.onPath("prometheus");
        assumeTrue(binary.isPresent(), "prometheus is not installed (apt-get install prometheus)");
        String shipped = Files.readString(OpsFiles.repoRoot().resolve("dashboards/prometheus/prometheus-local.yml"));
        assertThat(shipped).contains("http://127.0.0.1:9464/targets");
        String config = shipped.replace("http://127.0.0.1:9464/targets", "http://" + simulatorMetrics.getAuthority() + "/targets")
                .replace("scrape_interval: 5s", "scrape_interval: 1s").replace("refresh_interval: 5s", "refresh_interval: 1s");
        try (PrometheusServer local = PrometheusServer.start(binary.get(),
                Files.createDirectories(work.resolve("prometheus-local")), config)) {
            // Both targets scraped first, so that a wrong drop rule would show below rather than race it.
            long upDeadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
            while (local.query("up{job=\"streamsim-local\"} == 1").size() < 2 && System.nanoTime() < upDeadline) {
                Thread.sleep(500);
            }
            // The run's only app instance is a child JVM on an ephemeral port: found through /targets alone.
            String byRole = "sum by (streamsim_role) (streamsim_streams_records_processed_total{job=\"streamsim-local\"})";
            Map<String, Double> processed = Map.of();
            long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                processed = new TreeMap<>();
                for (JsonNode series : local.query(byRole)) {
                    processed.put(series.path("metric").path("streamsim_role").asText(),
                            series.path("value").get(1).asDouble());
                }
                if (processed.getOrDefault("app", 0.0) > 0 && !processed.containsKey("simulator")) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertThat(processed).as("records processed by role; targets: " + local.targetHealth())
                    .containsOnlyKeys("app");
            assertThat(processed.get("app")).isPositive();
            assertThat(local.query("up{job=\"streamsim-local\", streamsim_role=\"simulator\"} == 1"))
                    .as("the simulator's own target").hasSize(1);
        }
    }
}

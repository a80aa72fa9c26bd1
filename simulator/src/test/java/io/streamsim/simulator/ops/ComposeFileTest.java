package io.streamsim.simulator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, its Dockerfiles and what it mounts, checked without Docker. */
class ComposeFileTest {

    private static final Pattern METRICS_PORT = Pattern.compile("--metrics-port[= ](\\d+)");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[a-z0-9./_-]+:[A-Za-z0-9._-]+");

    private static Path root;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void read() throws IOException {
        root = OpsFiles.repoRoot();
        compose = OpsFiles.map(OpsFiles.loadYaml(root.resolve("docker-compose.yml")), "docker-compose.yml");
        services = new LinkedHashMap<>();
        OpsFiles.map(compose.get("services"), "services").forEach((name, s) -> services.put(name, OpsFiles.map(s, name)));
    }

    @Test
    void compose_parses_withBrokersPrometheusGrafanaAppAndProducer() {
        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "prometheus", "grafana", "streams-app",
                "producer");
    }

    @Test
    void everyImage_isPinnedToATagOtherThanLatest() throws IOException {
        for (var e : services.entrySet()) {
            Object image = e.getValue().get("image");
            assertThat(image != null || e.getValue().containsKey("build")).as(e.getKey() + " has an image or a build")
                    .isTrue();
            if (image != null && !e.getValue().containsKey("build")) {
                assertPinned(e.getKey(), String.valueOf(image));
            }
        }
        for (var e : services.entrySet()) {
            if (e.getValue().containsKey("build")) {
                Path dockerfile = buildContext(e.getKey()).resolve("Dockerfile");
                List<String> froms = Files.readAllLines(dockerfile).stream().map(String::trim)
                        .filter(l -> l.regionMatches(true, 0, "FROM ", 0, 5)).toList();
                assertThat(froms).as(dockerfile.toString()).isNotEmpty();
                for (String from : froms) {
                    String image = from.split("\\s+")[1];
                    assertPinned(dockerfile + " " + from, image);
                    assertThat(image).as(dockerfile.toString()).startsWith("eclipse-temurin:17");
                }
            }
        }
    }

    private static void assertPinned(String where, String image) {
        assertThat(image).as(where).matches(PINNED_IMAGE);
        String tag = image.substring(image.lastIndexOf(':') + 1);
        assertThat(tag).as(where).isNotEqualToIgnoringCase("latest").isNotBlank();
    }

    @Test
    void kafkaBrokers_areThreeKraftNodesOfTheOfficialImage_withRf3AndMinIsr2() {
        Set<String> nodeIds = new TreeSet<>();
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> s = services.get(broker);
            assertThat(s.get("image")).as(broker).isEqualTo("apache/kafka:4.3.1");
            Map<String, Object> env = OpsFiles.map(s.get("environment"), broker + ".environment");
            assertThat(env.get("KAFKA_PROCESS_ROLES")).as(broker).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).as(broker)
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).as(broker).isEqualTo("3");
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).as(broker).isEqualTo("2");
            assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).as(broker).isEqualTo("3");
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).as(broker).isEqualTo("3");
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).as(broker).isEqualTo("2");
            assertThat(String.valueOf(env.get("CLUSTER_ID"))).as(broker + " CLUSTER_ID (a base64 UUID)").hasSize(22);
            assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).as(broker)
                    .contains("PLAINTEXT://" + broker + ":9092");
            nodeIds.add(String.valueOf(env.get("KAFKA_NODE_ID")));
        }
        assertThat(nodeIds).containsExactly("1", "2", "3");
    }

    @Test
    void everyBindMountAndBuildContext_exists() {
        for (var e : services.entrySet()) {
            for (Mount m : mounts(e.getValue())) {
                if (m.hostPath() != null) {
                    assertThat(root.resolve(m.hostPath())).as(e.getKey() + " mounts " + m.hostPath()).exists();
                }
            }
            if (e.getValue().containsKey("build")) {
                assertThat(buildContext(e.getKey()).resolve("Dockerfile")).as(e.getKey() + " build").isRegularFile();
            }
        }
    }

    @Test
    void streamsApp_scalesAndServesMetricsOnAllInterfaces() {
        Map<String, Object> app = services.get("streams-app");
        assertThat(app).as("a fixed container name or host port would stop --scale").doesNotContainKeys(
                "container_name", "ports");
        assertThat(command("streams-app")).contains("--metrics-host=0.0.0.0", "--metrics-port=9465")
                .anyMatch(a -> a.startsWith("--bootstrap-servers=kafka-1:9092,kafka-2:9092,kafka-3:9092"));
        assertThat(command("producer")).startsWith("produce").contains("--metrics-host=0.0.0.0")
                .anyMatch(a -> a.startsWith("--bootstrap-servers=kafka-1:9092"));
    }

    @Test
    void prometheusScrapeTargets_areComposeServicesOnTheirMetricsPorts_andEveryMetricsServiceIsScraped()
            throws IOException {
        Map<String, Object> prom = OpsFiles.map(OpsFiles.loadYaml(root.resolve("dashboards/prometheus/prometheus.yml")),
                "prometheus.yml");
        Set<String> scraped = new TreeSet<>();
        for (Object job : OpsFiles.list(prom.get("scrape_configs"))) {
            Map<String, Object> j = OpsFiles.map(job, "scrape config");
            String name = String.valueOf(j.get("job_name"));
            List<String> targets = new ArrayList<>();
            for (Object sc : OpsFiles.list(j.get("static_configs"))) {
                OpsFiles.list(OpsFiles.map(sc, name).get("targets")).forEach(t -> targets.add(String.valueOf(t)));
            }
            for (Object dns : OpsFiles.list(j.get("dns_sd_configs"))) {
                Map<String, Object> d = OpsFiles.map(dns, name);
                OpsFiles.list(d.get("names")).forEach(n -> targets.add(n + ":" + d.get("port")));
            }
            assertThat(targets).as(name + " targets").isNotEmpty();
            for (String target : targets) {
                String host = target.substring(0, target.lastIndexOf(':'));
                int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
                assertThat(services).as(name + " target " + target + " is a compose service").containsKey(host);
                assertThat(metricsPort(host)).as(name + " target " + target + " is the service's --metrics-port")
                        .contains(port);
                scraped.add(host);
            }
        }
        Set<String> serving = new TreeSet<>();
        services.keySet().forEach(s -> metricsPort(s).ifPresent(p -> serving.add(s)));
        assertThat(scraped).isEqualTo(serving);
    }

    @Test
    void prometheusConfig_passesPromtoolCheckConfig() throws Exception {
        Optional<Path> promtool = PrometheusServer.onPath("promtool");
        org.junit.jupiter.api.Assumptions.assumeTrue(promtool.isPresent(), "promtool is not installed");
        Path log = Files.createTempFile("promtool-check-config", ".txt");
        try {
            Process p = new ProcessBuilder(promtool.get().toString(), "check", "config",
                    root.resolve("dashboards/prometheus/prometheus.yml").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            assertThat(done).as("promtool check config finishes within 60s").isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void prometheusService_mountsTheScrapeConfigWhereItsConfigFlagPoints() {
        Map<String, String> mounted = containerToHost("prometheus");
        List<String> cmd = command("prometheus");
        String configFlag = cmd.stream().filter(a -> a.startsWith("--config.file=")).findFirst().orElseThrow();
        String containerPath = configFlag.substring("--config.file=".length());
        assertThat(mounted).as("prometheus mounts " + containerPath).containsKey(containerPath);
        assertThat(root.resolve(mounted.get(containerPath)).normalize())
                .isEqualTo(root.resolve("dashboards/prometheus/prometheus.yml").normalize());
    }

    @Test
    void grafanaProvisioning_isMounted_andPointsAtFilesThatExist() throws IOException {
        Map<String, String> mounted = containerToHost("grafana");
        assertThat(mounted).containsKey("/etc/grafana/provisioning");
        Path provisioning = root.resolve(mounted.get("/etc/grafana/provisioning"));
        assertThat(provisioning.normalize()).isEqualTo(root.resolve("dashboards/grafana/provisioning").normalize());

        Map<String, Object> ds = OpsFiles.map(OpsFiles.loadYaml(provisioning.resolve("datasources/prometheus.yaml")),
                "datasources");
        for (Object d : OpsFiles.list(ds.get("datasources"))) {
            String url = String.valueOf(OpsFiles.map(d, "datasource").get("url"));
            Matcher m = Pattern.compile("http://([^:/]+):(\\d+)/?").matcher(url);
            assertThat(m.matches()).as(url).isTrue();
            assertThat(services).as(url).containsKey(m.group(1));
            assertThat(m.group(2)).as("Prometheus listens on 9090 inside the network").isEqualTo("9090");
        }

        Map<String, Object> dashboards = OpsFiles.map(OpsFiles.loadYaml(
                provisioning.resolve("dashboards/streamsim.yaml")), "dashboard providers");
        List<Object> providers = OpsFiles.list(dashboards.get("providers"));
        assertThat(providers).isNotEmpty();
        for (Object p : providers) {
            String dir = String.valueOf(OpsFiles.map(OpsFiles.map(p, "provider").get("options"), "options").get("path"));
            List<Path> hostFiles = mounted.entrySet().stream()
                    .filter(e -> e.getKey().equals(dir) || e.getKey().startsWith(dir + "/"))
                    .map(e -> root.resolve(e.getValue())).toList();
            assertThat(hostFiles).as("something is mounted under the provider path " + dir).isNotEmpty();
            for (Path f : hostFiles) {
                assertThat(f).exists();
            }
            assertThat(hostFiles).as("the streamsim dashboard is among them")
                    .anyMatch(f -> f.normalize().equals(root.resolve("dashboards/grafana/streamsim.json").normalize())
                            || Files.isRegularFile(f.resolve("streamsim.json")));
        }
    }

    private record Mount(String hostPath, String containerPath) {
    }

    /** Bind mounts and named volumes; hostPath is null for a named volume. */
    private static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> out = new ArrayList<>();
        for (Object v : OpsFiles.list(service.get("volumes"))) {
            if (v instanceof Map<?, ?> long_) {
                Object source = long_.get("source");
                boolean bind = "bind".equals(long_.get("type"));
                out.add(new Mount(bind ? String.valueOf(source) : null, String.valueOf(long_.get("target"))));
            } else {
                String[] parts = String.valueOf(v).split(":");
                boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/") || parts[0].startsWith("~");
                out.add(new Mount(bind ? parts[0] : null, parts.length > 1 ? parts[1] : parts[0]));
            }
        }
        return out;
    }

    private static Map<String, String> containerToHost(String service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Mount m : mounts(services.get(service))) {
            if (m.hostPath() != null) {
                out.put(m.containerPath(), m.hostPath());
            }
        }
        return out;
    }

    private static List<String> command(String service) {
        Object cmd = services.get(service).get("command");
        if (cmd instanceof String s) {
            return List.of(s.trim().split("\\s+"));
        }
        return OpsFiles.list(cmd).stream().map(String::valueOf).toList();
    }

    private static Optional<Integer> metricsPort(String service) {
        for (String arg : command(service)) {
            Matcher m = METRICS_PORT.matcher(arg);
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static Path buildContext(String service) {
        Object build = services.get(service).get("build");
        String context = build instanceof Map<?, ?> b ? String.valueOf(b.get("context")) : String.valueOf(build);
        return root.resolve(context).normalize();
    }
}

package io.streamsim.simulator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a local Prometheus should scrape during a run, in the format of Prometheus' HTTP service discovery
 * ({@code http_sd_configs}): the simulator's own {@code /metrics} and that of every live app instance. The
 * instances are child JVMs on ephemeral ports that change with every kill, restart and scale-out, so no static
 * config can name them; {@code dashboards/prometheus/prometheus-local.yml} asks the run's {@code /targets}.
 *
 * <p>Each target group is labelled {@code streamsim_role} ({@code simulator} or {@code app}),
 * {@code streamsim_instance} (the app instance's name) and {@code scenario}. The simulator also exports the
 * instances' counts summed (so one scrape of it sees the pipeline); the local config drops those from the
 * simulator target, where the instances are scraped themselves, so that no sum counts them twice.
 */
final class ScrapeTargets {

    static final String PATH = "/targets";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScrapeTargets() {
    }

    /**
     * @param metricsHost    the host the simulator's metrics server was bound to; a wildcard becomes 127.0.0.1
     * @param instancePorts  each live app instance's metrics port on 127.0.0.1, by name
     */
    static String json(String scenario, String metricsHost, int metricsPort, Map<String, Integer> instancePorts) {
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(group(reachable(metricsHost) + ":" + metricsPort, scenario, "simulator", null));
        instancePorts.forEach((name, port) -> groups.add(group("127.0.0.1:" + port, scenario, "app", name)));
        try {
            return JSON.writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scrape targets", e);
        }
    }

    private static Map<String, Object> group(String target, String scenario, String role, String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("streamsim_role", role);
        if (instance != null) {
            labels.put("streamsim_instance", instance);
        }
        labels.put("scenario", scenario);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("targets", List.of(target));
        group.put("labels", labels);
        return group;
    }

    /** {@code host} as a scrape target's host: a wildcard becomes 127.0.0.1, an IPv6 address is bracketed. */
    private static String reachable(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}

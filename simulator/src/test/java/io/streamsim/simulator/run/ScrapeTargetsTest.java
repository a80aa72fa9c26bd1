package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScrapeTargetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void json_simulatorThenEachLiveInstance_inPrometheusHttpSdFormat() throws Exception {
        Map<String, Integer> ports = new TreeMap<>(Map.of("app-instance-1", 41001, "app-instance-3", 41003));

        JsonNode groups = JSON.readTree(ScrapeTargets.json("ingest-10x-step", "127.0.0.1", 9464, ports));

        assertThat(groups.isArray()).isTrue();
        assertThat(groups).hasSize(3);
        assertThat(groups.get(0).path("targets").get(0).asText()).isEqualTo("127.0.0.1:9464");
        assertThat(groups.get(0).path("labels").path("streamsim_role").asText()).isEqualTo("simulator");
        assertThat(groups.get(0).path("labels").has("streamsim_instance")).isFalse();
        assertThat(groups.get(2).path("targets").get(0).asText()).isEqualTo("127.0.0.1:41003");
        assertThat(groups.get(2).path("labels").path("streamsim_role").asText()).isEqualTo("app");
        assertThat(groups.get(2).path("labels").path("streamsim_instance").asText()).isEqualTo("app-instance-3");
        assertThat(groups.get(2).path("labels").path("scenario").asText()).isEqualTo("ingest-10x-step");
        // http_sd: every label value a string, every group a list of targets.
        for (JsonNode g : groups) {
            assertThat(g.path("targets").isArray()).isTrue();
            g.path("labels").forEach(v -> assertThat(v.isTextual()).isTrue());
        }
    }

    @Test
    void json_wildcardBinding_isScrapedOnLoopback_andNoInstancesYet_isTheSimulatorAlone() throws Exception {
        JsonNode groups = JSON.readTree(ScrapeTargets.json("s", "0.0.0.0", 9464, Map.of()));

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).path("targets").get(0).asText()).isEqualTo("127.0.0.1:9464");
    }

    @Test
    void json_ipv6Binding_isBracketed() throws Exception {
        JsonNode groups = JSON.readTree(ScrapeTargets.json("s", "::1", 9464, Map.of()));

        assertThat(groups.get(0).path("targets").get(0).asText()).isEqualTo("[::1]:9464");
    }
}

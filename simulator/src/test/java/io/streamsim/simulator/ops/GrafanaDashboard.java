package io.streamsim.simulator.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The queries of a Grafana dashboard JSON: every panel target (rows' nested panels included) and annotation. */
record GrafanaDashboard(JsonNode json, List<Query> panelQueries, List<Query> annotationQueries) {

    /** One PromQL expression and where it sits, e.g. {@code panel "Rebalances" A}. */
    record Query(String where, String datasourceUid, String expr) {
    }

    static GrafanaDashboard read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<Query> panels = new ArrayList<>();
        collectPanels(json.path("panels"), panels);
        List<Query> annotations = new ArrayList<>();
        for (JsonNode a : json.path("annotations").path("list")) {
            if (a.hasNonNull("expr")) {
                annotations.add(new Query("annotation \"" + a.path("name").asText() + "\"",
                        a.path("datasource").path("uid").asText(null), a.get("expr").asText()));
            }
        }
        return new GrafanaDashboard(json, List.copyOf(panels), List.copyOf(annotations));
    }

    private static void collectPanels(JsonNode panels, List<Query> out) {
        for (JsonNode p : panels) {
            collectPanels(p.path("panels"), out);
            for (JsonNode t : p.path("targets")) {
                String uid = t.path("datasource").path("uid").asText(p.path("datasource").path("uid").asText(null));
                out.add(new Query("panel \"" + p.path("title").asText() + "\" " + t.path("refId").asText(),
                        uid, t.path("expr").asText("")));
            }
        }
    }

    /** Every panel, rows' nested panels included. */
    List<JsonNode> allPanels() {
        List<JsonNode> out = new ArrayList<>();
        addPanels(json.path("panels"), out);
        return out;
    }

    private static void addPanels(JsonNode panels, List<JsonNode> out) {
        for (JsonNode p : panels) {
            out.add(p);
            addPanels(p.path("panels"), out);
        }
    }

    List<Query> allQueries() {
        List<Query> all = new ArrayList<>(panelQueries);
        all.addAll(annotationQueries);
        return all;
    }
}

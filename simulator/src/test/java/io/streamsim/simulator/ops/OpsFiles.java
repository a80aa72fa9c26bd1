package io.streamsim.simulator.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The operations files of the repository (compose file, dashboards, scrape config), read as the tools read them. */
final class OpsFiles {

    private OpsFiles() {
    }

    /** The repository root: the nearest folder upwards from the working directory holding docker-compose.yml. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docker-compose.yml")) && Files.isDirectory(d.resolve("dashboards"))) {
                return d;
            }
        }
        throw new IllegalStateException("no docker-compose.yml with dashboards/ beside it above " + dir);
    }

    /**
     * Loads a YAML file and resolves YAML 1.1 merge keys ({@code <<: *anchor}), which Docker Compose honours and
     * SnakeYAML Engine (YAML 1.2) keeps as a plain {@code <<} key; explicit keys win over merged ones.
     */
    static Object loadYaml(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return resolveMerges(new Load(LoadSettings.builder().build()).loadFromReader(r));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object resolveMerges(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Object merge = map.get("<<");
            if (merge != null) {
                List<Object> sources = merge instanceof List<?> l ? (List<Object>) l : List.of(merge);
                for (Object source : sources) {
                    ((Map<String, Object>) resolveMerges(source)).forEach(out::putIfAbsent);
                }
            }
            Map<String, Object> explicit = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    explicit.put(String.valueOf(k), resolveMerges(v));
                }
            });
            out.putAll(explicit);
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(resolveMerges(e)));
            return out;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    /** A list, or a single value as a one-element list, or an empty list for null. */
    static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return List.of(node);
    }
}

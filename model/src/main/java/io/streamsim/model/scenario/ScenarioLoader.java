package io.streamsim.model.scenario;

import io.streamsim.model.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a scenario file into a validated {@link Scenario}. Unknown keys, missing or mistyped values and
 * broken rules are all collected and thrown together as one {@link ScenarioException}, each with its YAML
 * path and line. Defaults, for what a file leaves out: {@code prompt} empty, {@code duration} the sum of
 * the rate phases, {@code keyDistribution} uniform, no disorder, no dirt, {@code grace} 0s, {@code emit}
 * final, {@code guarantee} exactly_once_v2, {@code commitInterval} per {@link TopologySpec}, 6 partitions,
 * replication factor 1, one app instance with one thread, and {@link ProducerSpec#DEFAULT}.
 */
public final class ScenarioLoader {

    private ScenarioLoader() {
    }

    /** Loads {@code file}, whose {@code name:} must equal its file name without {@code .yaml}/{@code .yml}. */
    public static Scenario load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(text, file.toString(), stem);
    }

    /**
     * Parses scenario YAML. {@code expectedName}, when not null, is what {@code name:} must say.
     *
     * @throws ScenarioException listing every violation
     */
    public static Scenario parse(String yaml, String source, String expectedName) {
        YamlTree tree = new YamlTree(source);
        Node root;
        try {
            Optional<Node> composed = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(yaml);
            if (composed.isEmpty()) {
                throw new ScenarioException(List.of(new Violation(source, 0, "", "the file is empty")));
            }
            root = composed.get();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ScenarioException(List.of(new Violation(source, line, "", "not valid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new ScenarioException(List.of(new Violation(source, 0, "", "not valid YAML: " + e.getMessage())));
        }
        Scenario scenario = new Reader(tree).scenario(root, expectedName);
        if (!tree.violations().isEmpty() || scenario == null) {
            List<Violation> sorted = new ArrayList<>(tree.violations());
            sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
            throw new ScenarioException(sorted);
        }
        return scenario;
    }

    private record Reader(YamlTree tree) {

        Scenario scenario(Node root, String expectedName) {
            YamlTree.Fields f = tree.mapping(root, "");
            if (f == null) {
                return null;
            }
            String name = f.string("name", true);
            if (name != null && expectedName != null && !name.equals(expectedName)) {
                tree.violation(f.get("name", true), "name",
                        "must equal the file name '" + expectedName + "', was '" + name + "'");
            }
            String prompt = orElse(f.string("prompt", false), "");
            Long seed = f.integer("seed", true);
            Duration duration = f.duration("duration", false);
            EventsSpec events = events(f.fields("events", true));
            List<RatePhase> rate = rate(f.get("rate", true), "rate");
            DisorderSpec disorder = f.has("disorder") ? disorder(f.fields("disorder", false)) : DisorderSpec.NONE;
            DirtSpec dirt = f.has("dirt") ? dirt(f.fields("dirt", false)) : DirtSpec.NONE;
            TopologySpec topology = topology(f.fields("topology", true));
            TopicsSpec topics = f.has("topics") ? topics(f.fields("topics", false)) : new TopicsSpec(6, (short) 1);
            AppSpec app = f.has("app") ? app(f.fields("app", false)) : new AppSpec(1, 1);
            ProducerSpec producer = f.has("producer") ? producer(f.fields("producer", false)) : ProducerSpec.DEFAULT;
            List<String> talkingPoints = strings(f.get("talkingPoints", false), "talkingPoints");
            List<Fault> faults = faults(f.get("faults", false), "faults");
            ExpectSpec expect = f.has("expect") ? expect(f.fields("expect", false)) : ExpectSpec.NONE;
            f.finish();
            if (duration == null && rate != null) {
                duration = rate.stream().map(RatePhase::duration).reduce(Duration.ZERO, Duration::plus);
            }
            if (name == null || seed == null || duration == null || events == null || rate == null || disorder == null
                    || dirt == null || topology == null || topics == null || app == null || producer == null
                    || talkingPoints == null || faults == null || expect == null) {
                return null;
            }
            Duration d = duration;
            return tree.build(root, "", () -> new Scenario(name, prompt, seed, d, events, rate, disorder, dirt,
                    topology, topics, app, producer, talkingPoints, faults, expect));
        }

        EventsSpec events(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            EventType type = f.enumValue("type", EventType.class, true);
            Long keys = f.integer("keys", true);
            KeyDistribution distribution = f.has("keyDistribution")
                    ? keyDistribution(f.get("keyDistribution", false), f.path("keyDistribution"))
                    : new KeyDistribution.Uniform();
            f.finish();
            if (type == null || keys == null || distribution == null) {
                return null;
            }
            return tree.build(f.node(), f.path(), () -> new EventsSpec(type, (int) Math.max(Integer.MIN_VALUE,
                    Math.min(Integer.MAX_VALUE, keys)), distribution));
        }

        KeyDistribution keyDistribution(Node node, String path) {
            if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
                String text = tree.string(node, path);
                if ("uniform".equals(text)) {
                    return new KeyDistribution.Uniform();
                }
                if (text != null) {
                    tree.violation(node, path, "must be uniform, {zipf: EXPONENT} or {hotspot: {keyFraction: F, "
                            + "trafficFraction: F}}; was '" + text + "'");
                }
                return null;
            }
            YamlTree.Fields f = tree.mapping(node, path);
            String kind = f.oneOf("uniform", "zipf", "hotspot");
            KeyDistribution result = null;
            if ("uniform".equals(kind)) {
                f.get("uniform", false);
                result = new KeyDistribution.Uniform();
            } else if ("zipf".equals(kind)) {
                Double exponent = f.number("zipf", true);
                result = exponent == null ? null : tree.build(node, path, () -> new KeyDistribution.Zipf(exponent));
            } else if ("hotspot".equals(kind)) {
                YamlTree.Fields h = f.fields("hotspot", true);
                if (h != null) {
                    Double keyFraction = h.number("keyFraction", true);
                    Double trafficFraction = h.number("trafficFraction", true);
                    h.finish();
                    if (keyFraction != null && trafficFraction != null) {
                        result = tree.build(h.node(), path, () -> new KeyDistribution.Hotspot(keyFraction, trafficFraction));
                    }
                }
            }
            f.finish();
            return result;
        }

        List<RatePhase> rate(Node node, String path) {
            if (node == null) {
                return null;
            }
            List<Node> items = tree.sequence(node, path);
            if (items == null) {
                return null;
            }
            List<RatePhase> phases = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < items.size(); i++) {
                RatePhase phase = phase(tree.mapping(items.get(i), path + "[" + i + "]"));
                ok &= phase != null;
                phases.add(phase);
            }
            return ok ? phases : null;
        }

        RatePhase phase(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            Duration duration = f.duration("for", true);
            String kind = f.oneOf("eventsPerSecond", "ramp", "step", "spike");
            RatePhase phase = null;
            if (kind != null) {
                phase = switch (kind) {
                    case "eventsPerSecond" -> {
                        Double eps = f.number("eventsPerSecond", true);
                        yield eps == null || duration == null ? null
                                : tree.build(f.node(), f.path(), () -> new RatePhase.Constant(duration, eps));
                    }
                    case "ramp" -> {
                        YamlTree.Fields r = f.fields("ramp", true);
                        if (r == null) {
                            yield null;
                        }
                        Double from = r.number("from", false);
                        Double to = r.number("to", true);
                        r.finish();
                        yield to == null || duration == null ? null
                                : tree.build(f.node(), f.path(), () -> new RatePhase.Ramp(duration, from, to));
                    }
                    case "step" -> {
                        YamlTree.Fields s = f.fields("step", true);
                        if (s == null) {
                            yield null;
                        }
                        Double factor = s.number("factor", true);
                        s.finish();
                        yield factor == null || duration == null ? null
                                : tree.build(f.node(), f.path(), () -> new RatePhase.Step(duration, factor));
                    }
                    default -> {
                        YamlTree.Fields s = f.fields("spike", true);
                        if (s == null) {
                            yield null;
                        }
                        Double peak = s.number("eventsPerSecond", true);
                        Duration lasting = s.duration("lasting", true);
                        s.finish();
                        yield peak == null || lasting == null || duration == null ? null
                                : tree.build(f.node(), f.path(), () -> new RatePhase.Spike(duration, peak, lasting));
                    }
                };
            }
            f.finish();
            return phase;
        }

        DisorderSpec disorder(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            Double lateFraction = f.number("lateFraction", true);
            DelayDistribution delay = delay(f.fields("delay", true));
            Duration maxDelay = f.duration("maxDelay", false);
            f.finish();
            if (lateFraction == null || delay == null) {
                return null;
            }
            Duration max = maxDelay != null ? maxDelay : delay.naturalMax();
            return tree.build(f.node(), f.path(), () -> new DisorderSpec(lateFraction, delay, max));
        }

        DelayDistribution delay(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            String kind = f.oneOf("fixed", "uniform", "exponential");
            DelayDistribution result = null;
            if ("fixed".equals(kind)) {
                Duration d = f.duration("fixed", true);
                result = d == null ? null : tree.build(f.node(), f.path(), () -> new DelayDistribution.Fixed(d));
            } else if ("uniform".equals(kind)) {
                YamlTree.Fields u = f.fields("uniform", true);
                if (u != null) {
                    Duration min = u.duration("min", true);
                    Duration max = u.duration("max", true);
                    u.finish();
                    if (min != null && max != null) {
                        result = tree.build(u.node(), f.path(), () -> new DelayDistribution.Uniform(min, max));
                    }
                }
            } else if ("exponential".equals(kind)) {
                YamlTree.Fields e = f.fields("exponential", true);
                if (e != null) {
                    Duration mean = e.duration("mean", true);
                    e.finish();
                    if (mean != null) {
                        result = tree.build(e.node(), f.path(), () -> new DelayDistribution.Exponential(mean));
                    }
                }
            }
            f.finish();
            return result;
        }

        DirtSpec dirt(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            double dup = orElse(f.number("duplicateFraction", false), 0.0);
            double poison = orElse(f.number("poisonFraction", false), 0.0);
            f.finish();
            return tree.build(f.node(), f.path(), () -> new DirtSpec(dup, poison));
        }

        List<Fault> faults(Node node, String path) {
            if (node == null) {
                return List.of();
            }
            List<Node> items = tree.sequence(node, path);
            if (items == null) {
                return null;
            }
            List<Fault> faults = new ArrayList<>();
            boolean ok = true;
            Duration previous = Duration.ZERO;
            for (int i = 0; i < items.size(); i++) {
                String itemPath = path + "[" + i + "]";
                Fault fault = fault(tree.mapping(items.get(i), itemPath));
                if (fault != null && fault.at().compareTo(previous) < 0) {
                    tree.violation(items.get(i), itemPath + ".at", "faults must be listed in time order: "
                            + Durations.format(fault.at()) + " comes after " + Durations.format(previous));
                    fault = null;
                }
                if (fault != null) {
                    previous = fault.at();
                }
                ok &= fault != null;
                faults.add(fault);
            }
            return ok ? faults : null;
        }

        Fault fault(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            Duration at = f.duration("at", true);
            String kind = f.oneOf("kill", "stop", "restart", "scaleOut", "pauseProducers", "slowProcessing",
                    "poisonBurst", "clockSkew", "rateStep");
            Fault fault = null;
            if (kind != null) {
                fault = switch (kind) {
                    case "kill", "stop", "restart" -> {
                        String target = f.string(kind, true);
                        if (at == null || target == null) {
                            yield null;
                        }
                        yield tree.build(f.node(), f.path(kind), () -> "kill".equals(kind) ? new Fault.Kill(at, target)
                                : "stop".equals(kind) ? new Fault.Stop(at, target) : new Fault.Restart(at, target));
                    }
                    case "scaleOut" -> {
                        Long n = f.integer("scaleOut", true);
                        yield at == null || n == null ? null
                                : tree.build(f.node(), f.path(kind), () -> new Fault.ScaleOut(at, clampInt(n)));
                    }
                    case "pauseProducers" -> {
                        Duration lasting = f.duration("pauseProducers", true);
                        yield at == null || lasting == null ? null
                                : tree.build(f.node(), f.path(kind), () -> new Fault.PauseProducers(at, lasting));
                    }
                    case "rateStep" -> {
                        Double factor = f.number("rateStep", true);
                        yield at == null || factor == null ? null
                                : tree.build(f.node(), f.path(kind), () -> new Fault.RateStep(at, factor));
                    }
                    case "poisonBurst" -> {
                        Long n = f.integer("poisonBurst", true);
                        yield at == null || n == null ? null
                                : tree.build(f.node(), f.path(kind), () -> new Fault.PoisonBurst(at, clampInt(n)));
                    }
                    case "slowProcessing" -> {
                        YamlTree.Fields s = f.fields("slowProcessing", true);
                        if (s == null) {
                            yield null;
                        }
                        Duration perRecord = s.duration("perRecord", true);
                        Duration lasting = s.duration("lasting", true);
                        s.finish();
                        yield at == null || perRecord == null || lasting == null ? null
                                : tree.build(f.node(), f.path(), () -> new Fault.SlowProcessing(at, perRecord, lasting));
                    }
                    default -> {
                        YamlTree.Fields c = f.fields("clockSkew", true);
                        if (c == null) {
                            yield null;
                        }
                        Long shard = orElse(c.integer("shard", false), 0L);
                        Duration offset = signedDuration(c, "offset");
                        Duration lasting = c.duration("lasting", true);
                        c.finish();
                        yield at == null || offset == null || lasting == null ? null
                                : tree.build(f.node(), f.path(), () -> new Fault.ClockSkew(at, clampInt(shard), offset, lasting));
                    }
                };
            } else {
                for (String key : f.keys()) {
                    f.get(key, false);
                }
            }
            f.finish();
            return fault;
        }

        /** A duration that may carry a leading minus, e.g. {@code -30s}. */
        private Duration signedDuration(YamlTree.Fields f, String key) {
            String text = f.string(key, true);
            if (text == null) {
                return null;
            }
            boolean negative = text.trim().startsWith("-");
            String magnitude = negative ? text.trim().substring(1) : text;
            try {
                Duration d = Durations.parse(magnitude);
                return negative ? d.negated() : d;
            } catch (IllegalArgumentException e) {
                tree.violation(f.get(key, true), f.path(key), e.getMessage());
                return null;
            }
        }

        ExpectSpec expect(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            ExpectSpec.OracleExpectation oracle = f.has("oracle")
                    ? f.enumValue("oracle", ExpectSpec.OracleExpectation.class, false) : null;
            Double droppedLate = max(f, "droppedLateFraction");
            Duration p99 = maxDuration(f, "p99EndToEndLatency");
            Duration recovery = maxDuration(f, "recoveryTime");
            Boolean deadLetters = null;
            boolean ok = !f.has("oracle") || oracle != null;
            if (f.has("deadLetters")) {
                String text = f.string("deadLetters", false);
                if ("poison".equals(text)) {
                    deadLetters = true;
                } else if (text != null) {
                    tree.violation(f.get("deadLetters", false), f.path("deadLetters"),
                            "must be 'poison' (the dead-letter topic holds exactly the poison records written), was '"
                                    + text + "'");
                    ok = false;
                }
            }
            f.finish();
            if (!ok) {
                return null;
            }
            Boolean dl = deadLetters;
            return tree.build(f.node(), f.path(), () -> new ExpectSpec(oracle, droppedLate, p99, recovery, dl));
        }

        private Double max(YamlTree.Fields f, String key) {
            YamlTree.Fields m = f.fields(key, false);
            if (m == null) {
                return null;
            }
            Double value = m.number("max", true);
            m.finish();
            return value;
        }

        private Duration maxDuration(YamlTree.Fields f, String key) {
            YamlTree.Fields m = f.fields(key, false);
            if (m == null) {
                return null;
            }
            Duration value = m.duration("max", true);
            m.finish();
            return value;
        }

        TopologySpec topology(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            WindowSpec window = window(f.fields("window", true));
            Duration grace = orElse(f.duration("grace", false), Duration.ZERO);
            EmitMode emit = f.has("emit") ? f.enumValue("emit", EmitMode.class, false) : EmitMode.FINAL;
            ProcessingGuarantee guarantee = f.has("guarantee")
                    ? f.enumValue("guarantee", ProcessingGuarantee.class, false) : ProcessingGuarantee.EXACTLY_ONCE_V2;
            Duration commitInterval = f.duration("commitInterval", false);
            Long cacheBytes = f.integer("stateStoreCacheBytes", false);
            f.finish();
            if (window == null || grace == null || emit == null || guarantee == null) {
                return null;
            }
            Duration commit = commitInterval != null ? commitInterval : TopologySpec.defaultCommitInterval(guarantee);
            return tree.build(f.node(), f.path(), () -> new TopologySpec(window, grace, emit, guarantee, commit, cacheBytes));
        }

        WindowSpec window(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            String kind = f.oneOf("tumbling", "hopping");
            WindowSpec result = null;
            if ("tumbling".equals(kind)) {
                Duration size = f.duration("tumbling", true);
                result = size == null ? null : tree.build(f.node(), f.path(), () -> new WindowSpec.Tumbling(size));
            } else if ("hopping".equals(kind)) {
                YamlTree.Fields h = f.fields("hopping", true);
                if (h != null) {
                    Duration size = h.duration("size", true);
                    Duration advance = h.duration("advance", true);
                    h.finish();
                    if (size != null && advance != null) {
                        result = tree.build(h.node(), f.path(), () -> new WindowSpec.Hopping(size, advance));
                    }
                }
            }
            f.finish();
            return result;
        }

        TopicsSpec topics(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            Long partitions = orElse(f.integer("partitions", false), 6L);
            Long rf = orElse(f.integer("replicationFactor", false), 1L);
            f.finish();
            return tree.build(f.node(), f.path(), () -> new TopicsSpec(clampInt(partitions), (short) Math.max(-1, Math.min(99, rf))));
        }

        AppSpec app(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            Long instances = orElse(f.integer("instances", false), 1L);
            Long threads = orElse(f.integer("threadsPerInstance", false), 1L);
            Duration sessionTimeout = f.duration("sessionTimeout", false);
            AutoscaleSpec autoscale = null;
            boolean autoscaleOk = true;
            YamlTree.Fields a = f.fields("autoscale", false);
            if (a != null) {
                Long lagAbove = a.integer("lagAbove", true);
                Duration sustained = a.duration("for", true);
                Long max = a.integer("maxInstances", true);
                Duration cooldown = orElse(a.duration("cooldown", false), Duration.ofSeconds(20));
                a.finish();
                autoscaleOk = lagAbove != null && sustained != null && max != null;
                if (autoscaleOk) {
                    autoscale = tree.build(a.node(), a.path(),
                            () -> new AutoscaleSpec(lagAbove, sustained, clampInt(max), cooldown));
                    autoscaleOk = autoscale != null;
                }
            }
            f.finish();
            if (!autoscaleOk) {
                return null;
            }
            AutoscaleSpec rule = autoscale;
            return tree.build(f.node(), f.path(),
                    () -> new AppSpec(clampInt(instances), clampInt(threads), sessionTimeout, rule));
        }

        ProducerSpec producer(YamlTree.Fields f) {
            if (f == null) {
                return null;
            }
            ProducerSpec d = ProducerSpec.DEFAULT;
            Long threads = orElse(f.integer("threads", false), (long) d.threads());
            String acks = orElse(f.string("acks", false), d.acks());
            Duration linger = orElse(f.duration("linger", false), d.linger());
            Long batch = orElse(f.integer("batchSizeBytes", false), (long) d.batchSizeBytes());
            String compression = orElse(f.string("compression", false), d.compression());
            f.finish();
            return tree.build(f.node(), f.path(),
                    () -> new ProducerSpec(clampInt(threads), acks, linger, clampInt(batch), compression));
        }

        List<String> strings(Node node, String path) {
            if (node == null) {
                return List.of();
            }
            List<Node> items = tree.sequence(node, path);
            if (items == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String s = tree.string(items.get(i), path + "[" + i + "]");
                if (s == null) {
                    return null;
                }
                out.add(s);
            }
            return out;
        }

        private static <T> T orElse(T value, T fallback) {
            return value != null ? value : fallback;
        }

        private static int clampInt(long value) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
        }
    }
}

package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code faults:}, the fault timeline, which must be written in time order; absent, it is empty. */
final class FaultsReader {

    private FaultsReader() {
    }

    static List<Fault> read(YamlTree tree, Node node, String path) {
        List<Node> items = tree.items(node, path);
        if (items == null) {
            return null;
        }
        List<Fault> faults = new ArrayList<>();
        boolean ok = true;
        Duration previous = Duration.ZERO;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            YamlTree.Fields f = tree.mapping(items.get(i), itemPath);
            Fault fault = f == null ? null : fault(f);
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

    private static Fault fault(YamlTree.Fields f) {
        YamlTree tree = f.tree();
        Duration at = f.duration("at", true);
        String kind = f.oneOf("kill", "stop", "restart", "scaleOut", "pauseProducers", "slowProcessing",
                "poisonBurst", "clockSkew", "rateStep", "backfill", "replay");
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
                            : tree.build(f.node(), f.path(kind), () -> new Fault.ScaleOut(at, YamlTree.clampInt(n)));
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
                            : tree.build(f.node(), f.path(kind), () -> new Fault.PoisonBurst(at, YamlTree.clampInt(n)));
                }
                case "slowProcessing" -> f.section("slowProcessing", s -> {
                    Duration perRecord = s.duration("perRecord", true);
                    Duration lasting = s.duration("lasting", true);
                    s.finish();
                    return at == null || perRecord == null || lasting == null ? null
                            : f.build(() -> new Fault.SlowProcessing(at, perRecord, lasting));
                });
                case "backfill" -> f.section("backfill", b -> {
                    Duration from = signedDuration(b, "from");
                    Duration to = signedDuration(b, "to");
                    Long events = b.integer("events", true);
                    b.finish();
                    return at == null || from == null || to == null || events == null ? null
                            : f.build(() -> new Fault.Backfill(at, from, to, events));
                });
                case "replay" -> f.section("replay", r -> {
                    String from = r.string("from", true);
                    r.finish();
                    if (from != null && !Fault.Replay.FROM_EARLIEST.equals(from.trim())) {
                        tree.violation(r.get("from", true), r.path("from"),
                                "must be earliest (the start of the input topic), was '" + from + "'");
                        return null;
                    }
                    return at == null || from == null ? null : f.build(() -> new Fault.Replay(at));
                });
                default -> f.section("clockSkew", c -> {
                    long shard = Objects.requireNonNullElse(c.integer("shard", false),
                            (long) Fault.ClockSkew.DEFAULT_SHARD);
                    Duration offset = signedDuration(c, "offset");
                    Duration lasting = c.duration("lasting", true);
                    c.finish();
                    return at == null || offset == null || lasting == null ? null
                            : f.build(() -> new Fault.ClockSkew(at, YamlTree.clampInt(shard), offset, lasting));
                });
            };
        } else {
            // No single action: accept every key as known, so that only the missing or extra action is reported.
            for (String key : f.keys()) {
                f.get(key, false);
            }
        }
        f.finish();
        return fault;
    }

    /** A duration that may carry a leading minus, e.g. {@code -30s}. */
    private static Duration signedDuration(YamlTree.Fields f, String key) {
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
            f.tree().violation(f.get(key, true), f.path(key), e.getMessage());
            return null;
        }
    }
}

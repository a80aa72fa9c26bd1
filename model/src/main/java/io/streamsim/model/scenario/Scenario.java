package io.streamsim.model.scenario;

import io.streamsim.model.answer.TalkingPoint;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A whole scenario: the workload, the pipeline it runs through, and what to say about it ({@code points}: the
 * talking points, quoting figures of the run's summary).
 * {@link #duration()} is the length of the rate timeline; the simulator drains the pipeline after it.
 */
public record Scenario(
        String name,
        String prompt,
        long seed,
        Duration duration,
        EventsSpec events,
        List<RatePhase> rate,
        DisorderSpec disorder,
        DirtSpec dirt,
        TopologySpec topology,
        TopicsSpec topics,
        AppSpec app,
        ProducerSpec producer,
        List<TalkingPoint> points,
        List<Fault> faults,
        ExpectSpec expect,
        ReferenceSpec reference) {

    /** The {@code prompt} when a file leaves it out. */
    public static final String DEFAULT_PROMPT = "";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Scenario {
        rate = List.copyOf(rate);
        points = List.copyOf(points);
        faults = faults.stream().sorted(java.util.Comparator.comparing(Fault::at)).toList();
        Checks.at("")
                .that(name != null && NAME.matcher(name).matches(), "name",
                        "must be lower-case letters, digits and dashes, was '" + name + "'")
                .notNull("prompt", prompt)
                .notNull("duration", duration)
                .notNull("events", events)
                .that(!rate.isEmpty(), "rate", "needs at least one phase")
                .notNull("disorder", disorder)
                .notNull("dirt", dirt)
                .notNull("topology", topology)
                .notNull("topics", topics)
                .notNull("app", app)
                .notNull("producer", producer)
                .notNull("expect", expect)
                .notNull("reference", reference)
                .done();
        Checks checks = Checks.at("");
        if (!rate.isEmpty()) {
            RatePhase first = rate.get(0);
            boolean relative = first instanceof RatePhase.Step || first instanceof RatePhase.Spike
                    || first instanceof RatePhase.Ramp r && r.fromEventsPerSecond() == null;
            checks.that(!relative, "rate[0]",
                    "the first phase has no previous rate to start from: give eventsPerSecond, or ramp.from");
            Duration total = RatePhase.total(rate);
            checks.that(total.equals(duration), "duration", "is " + Durations.format(duration)
                    + " but the rate phases last " + Durations.format(total) + ": make them agree, or leave duration out");
        }
        checkFaults(faults, duration, topics, app, producer, checks);
        checks.that(!reference.table() || events.keys() <= MAX_REFERENCE_ROWS, "reference",
                "the table has one row per key (events.keys: " + events.keys() + "): at most " + MAX_REFERENCE_ROWS);
        ReferencePartitioning.check(topology, topics, reference, checks);
        checks.done();
    }

    /** The largest reference table: it is written whole before the load starts. */
    public static final int MAX_REFERENCE_ROWS = 1_000_000;

    /** A scenario without a reference table. */
    public Scenario(String name, String prompt, long seed, Duration duration, EventsSpec events, List<RatePhase> rate,
                    DisorderSpec disorder, DirtSpec dirt, TopologySpec topology, TopicsSpec topics, AppSpec app,
                    ProducerSpec producer, List<TalkingPoint> points, List<Fault> faults, ExpectSpec expect) {
        this(name, prompt, seed, duration, events, rate, disorder, dirt, topology, topics, app, producer, points,
                faults, expect, ReferenceSpec.NONE);
    }

    /** A scenario without faults or expectations. */
    public Scenario(String name, String prompt, long seed, Duration duration, EventsSpec events, List<RatePhase> rate,
                    DisorderSpec disorder, DirtSpec dirt, TopologySpec topology, TopicsSpec topics, AppSpec app,
                    ProducerSpec producer, List<TalkingPoint> points) {
        this(name, prompt, seed, duration, events, rate, disorder, dirt, topology, topics, app, producer, points,
                List.of(), ExpectSpec.NONE);
    }

    /** The talking points as the file says them, one line each (what {@code summary.json} lists). */
    public List<String> talkingPoints() {
        return points.stream().map(TalkingPoint::source).toList();
    }

    /** Brokers the run needs: a 3-node cluster when topics are replicated, else one. */
    public int brokers() {
        return topics.replicationFactor() > 1 ? 3 : 1;
    }

    /** App instances that exist at some point: the initial ones plus every scale-out. */
    public int maxAppInstances() {
        return app.instances() + faults.stream().filter(f -> f instanceof Fault.ScaleOut)
                .mapToInt(f -> ((Fault.ScaleOut) f).instances()).sum();
    }

    /**
     * Fault rules that span sections; {@code faults} arrive sorted by time, so "earlier" is list order.
     * Paths are {@code faults[i].<action>} in time order, which is file order for a file written in time order.
     */
    private static void checkFaults(List<Fault> faults, Duration duration, TopicsSpec topics, AppSpec app,
                                    ProducerSpec producer, Checks checks) {
        int appInstances = app.instances();
        int brokers = topics.replicationFactor() > 1 ? 3 : 1;
        java.util.Set<String> down = new java.util.HashSet<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            String path = "faults[" + i + "]." + f.action();
            checks.that(f.at().compareTo(duration) <= 0, "faults[" + i + "].at",
                    "is after the end of the run (" + Durations.format(duration) + ")");
            if (f instanceof Fault.ScaleOut s) {
                appInstances += s.instances();
            }
            String target = f instanceof Fault.Kill k ? k.target()
                    : f instanceof Fault.Stop s ? s.target()
                    : f instanceof Fault.Restart r ? r.target() : null;
            if (target != null) {
                int n = Fault.number(target);
                if (Fault.isBroker(target)) {
                    checks.that(brokers > 1, path, "broker faults need a replicated cluster: set topics.replicationFactor"
                            + " to 3 (the simulator then runs 3 brokers)");
                    checks.that(n <= brokers, path, "there are " + brokers + " broker(s)");
                } else {
                    checks.that(n <= appInstances, path, "there are " + appInstances + " app instance(s) at that time");
                }
                if (f instanceof Fault.Restart) {
                    checks.that(down.remove(target), path, target + " is not down at that time: kill or stop it first");
                } else {
                    checks.that(down.add(target), path, target + " is already down at that time");
                }
            }
            if (f instanceof Fault.ClockSkew c) {
                checks.that(c.shard() < producer.threads(), "faults[" + i + "].clockSkew.shard",
                        "there are " + producer.threads() + " producer shard(s) (producer.threads), numbered from 0");
            }
        }
    }

    /** The rate timeline resolved into linear segments. */
    public RateTimeline timeline() {
        return RateTimeline.of(rate);
    }
}

package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the fault timeline: something done to the pipeline {@link #at()} from the start of the run.
 * Targets are named {@code app-instance-N} (app instances, from 1) and {@code broker-N} (brokers of a
 * replicated cluster, from 1).
 */
public sealed interface Fault {

    Pattern TARGET = Pattern.compile("(app-instance|broker)-([1-9][0-9]*)");

    Duration at();

    /** What happens, for the console, markers and reports, e.g. {@code kill app-instance-1}. */
    String describe();

    /** The YAML key of the action, e.g. {@code kill}. */
    String action();

    /** True when the target names a broker rather than an app instance. */
    static boolean isBroker(String target) {
        return target.startsWith("broker-");
    }

    /** The N of a target name. */
    static int number(String target) {
        Matcher m = TARGET.matcher(target);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a target: " + target);
        }
        return Integer.parseInt(m.group(2));
    }

    private static Checks checkTarget(Duration at, String target) {
        return Checks.at("").notNegative("at", at)
                .that(target != null && TARGET.matcher(target).matches(), "",
                        "must name app-instance-N or broker-N, was '" + target + "'");
    }

    /** SIGKILL of an app instance's or a broker's process: a real crash. YAML: {@code {at: 40s, kill: app-instance-1}}. */
    record Kill(Duration at, String target) implements Fault {
        public Kill {
            checkTarget(at, target).done();
        }

        @Override
        public String describe() {
            return "kill " + target;
        }

        @Override
        public String action() {
            return "kill";
        }
    }

    /**
     * Graceful stop (SIGTERM: the instance leaves the group, the broker hands over leadership). For an app
     * instance this is a scale-in. YAML: {@code {at: 60s, stop: app-instance-2}}.
     */
    record Stop(Duration at, String target) implements Fault {
        public Stop {
            checkTarget(at, target).done();
        }

        @Override
        public String describe() {
            return "stop " + target;
        }

        @Override
        public String action() {
            return "stop";
        }
    }

    /** Starts a killed or stopped target again, with its old state directory. YAML: {@code {at: 55s, restart: app-instance-1}}. */
    record Restart(Duration at, String target) implements Fault {
        public Restart {
            checkTarget(at, target).done();
        }

        @Override
        public String describe() {
            return "restart " + target;
        }

        @Override
        public String action() {
            return "restart";
        }
    }

    /** Adds {@code instances} new app instances (numbered after the existing ones). YAML: {@code {at: 30s, scaleOut: 1}}. */
    record ScaleOut(Duration at, int instances) implements Fault {
        public ScaleOut {
            Checks.at("").notNegative("at", at).range("", instances, 1, 16).done();
        }

        @Override
        public String describe() {
            return "scale out by " + instances;
        }

        @Override
        public String action() {
            return "scaleOut";
        }
    }

    /**
     * The producers stop sending for {@code lasting}; events that fall due meanwhile are sent when they resume
     * (an upstream that buffers), so the backlog shows as latency. YAML: {@code {at: 20s, pauseProducers: 5s}}.
     */
    record PauseProducers(Duration at, Duration lasting) implements Fault {
        public PauseProducers {
            Checks.at("").notNegative("at", at).positive("", lasting).done();
        }

        @Override
        public String describe() {
            return "pause producers for " + Durations.format(lasting);
        }

        @Override
        public String action() {
            return "pauseProducers";
        }
    }

    /**
     * Every app instance spends {@code perRecord} extra on each record for {@code lasting}: a slow consumer.
     * YAML: {@code {at: 20s, slowProcessing: {perRecord: 2ms, lasting: 10s}}}.
     */
    record SlowProcessing(Duration at, Duration perRecord, Duration lasting) implements Fault {
        public SlowProcessing {
            Checks.at("").notNegative("at", at).positive("slowProcessing.perRecord", perRecord)
                    .positive("slowProcessing.lasting", lasting).done();
        }

        @Override
        public String describe() {
            return "slow processing by " + Durations.format(perRecord) + "/record for " + Durations.format(lasting);
        }

        @Override
        public String action() {
            return "slowProcessing";
        }
    }

    /** {@code records} undecodable records written into the input topic at once. YAML: {@code {at: 25s, poisonBurst: 100}}. */
    record PoisonBurst(Duration at, int records) implements Fault {
        public PoisonBurst {
            Checks.at("").notNegative("at", at).range("", records, 1, 1_000_000).done();
        }

        @Override
        public String describe() {
            return "poison burst of " + records + " records";
        }

        @Override
        public String action() {
            return "poisonBurst";
        }
    }

    /**
     * Producer shard (thread) {@code shard} stamps event times shifted by {@code offset} (negative: its clock is
     * behind, its events look late) for {@code lasting}. YAML:
     * {@code {at: 10s, clockSkew: {shard: 0, offset: -30s, lasting: 20s}}}; offsets take a leading minus.
     */
    record ClockSkew(Duration at, int shard, Duration offset, Duration lasting) implements Fault {

        /** The {@code shard} when a file leaves it out: the first producer thread. */
        public static final int DEFAULT_SHARD = 0;

        public ClockSkew {
            Checks.at("").notNegative("at", at).range("clockSkew.shard", shard, 0, 15)
                    .that(!offset.isZero(), "clockSkew.offset", "must not be zero")
                    .positive("clockSkew.lasting", lasting).done();
        }

        @Override
        public String describe() {
            return "clock skew " + (offset.isNegative() ? "" : "+") + Durations.format(offset) + " on producer shard "
                    + shard + " for " + Durations.format(lasting);
        }

        @Override
        public String action() {
            return "clockSkew";
        }
    }

    /**
     * Multiplies the send rate from then on by {@code factor} (the live page's x10 / /10 buttons are this fault):
     * the rest of the timeline plays that much faster, event times moving with send times. YAML:
     * {@code {at: 30s, rateStep: 10}}.
     */
    record RateStep(Duration at, double factor) implements Fault {
        public RateStep {
            Checks.at("").notNegative("at", at).positive("", factor).done();
        }

        @Override
        public String describe() {
            return factor >= 1 ? "rate x" + fmt(factor) : "rate /" + fmt(1 / factor);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }

        @Override
        public String action() {
            return "rateStep";
        }
    }

    /**
     * Writes {@code events} historical events into the input topic as fast as a producer can, beside the live
     * traffic: their event times spread evenly over {@code [now + from, now + to]}, where now is the live event time
     * at the fault (both offsets are event-time durations, {@code from < to <= 0}). Keys and payloads follow the
     * scenario's event type and key distribution, drawn from the scenario seed; ids lie apart from the live ones;
     * {@code dirt} (duplicates, poison) does not apply to them. YAML:
     * {@code {at: 40s, backfill: {from: -6h, to: -1h, events: 200000}}}.
     */
    record Backfill(Duration at, Duration from, Duration to, long events) implements Fault {

        public static final long MAX_EVENTS = 10_000_000;

        public Backfill {
            Checks.at("").notNegative("at", at)
                    .that(from.compareTo(to) < 0, "backfill.from", "must be before to (" + Durations.format(to)
                            + "), was " + Durations.format(from))
                    .that(to.isNegative() || to.isZero(), "backfill.to",
                            "must be <= 0 (the past of the live event time), was " + Durations.format(to))
                    .range("backfill.events", events, 1, MAX_EVENTS).done();
        }

        @Override
        public String describe() {
            return "backfill " + events + " events from " + Durations.format(from) + " to " + Durations.format(to);
        }

        @Override
        public String action() {
            return "backfill";
        }
    }

    /**
     * Stops every app instance, resets the application as Kafka's reset tool does (committed offsets of the
     * application id to the earliest offsets of the input topic, the internal changelog and repartition topics
     * deleted, local state wiped) and starts the same instances again: the whole input is processed again from
     * scratch, with fresh stream time. YAML: {@code {at: 70s, replay: {from: earliest}}}.
     */
    record Replay(Duration at) implements Fault {

        /** The only {@code from} there is: the earliest offsets still on the input topic. */
        public static final String FROM_EARLIEST = "earliest";

        public Replay {
            Checks.at("").notNegative("at", at).done();
        }

        @Override
        public String describe() {
            return "replay from earliest";
        }

        @Override
        public String action() {
            return "replay";
        }
    }
}

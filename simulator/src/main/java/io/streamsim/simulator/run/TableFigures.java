package io.streamsim.simulator.run;

import io.streamsim.simulator.instances.AppInstances;
import io.streamsim.streams.TableStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.TreeMap;

/**
 * The reference table as the app instances themselves report it ({@link TableStatus}), turned into the summary's
 * {@link ReferenceFigures.Bootstrap}s and {@link ReferenceFigures.Held}: wall-clock instants become seconds from the
 * start of the load, the run's common axis (faults, samples).
 */
final class TableFigures {

    private TableFigures() {
    }

    /**
     * Every load of every life, by start time; changelog restores of no records (Kafka registers the empty changelog
     * of a first start as a restore, too) are left out. A life with no load recorded by its last status gets one
     * {@link ReferenceFigures.Bootstrap#NO_LOAD} row at its start, so that its start-to-RUNNING time is still there:
     * e.g. a restarted shuffle-join instance whose table tasks had not come back (or not restored) before the run
     * ended; the survivor restored them meanwhile.
     *
     * @param lives  per instance name, each life's last table report, first start first
     * @param origin wall-clock start of the load
     */
    static List<ReferenceFigures.Bootstrap> bootstraps(Map<String, List<TableStatus>> lives, Instant origin) {
        List<ReferenceFigures.Bootstrap> out = new ArrayList<>();
        lives.forEach((instance, tables) -> {
            for (int i = 0; i < tables.size(); i++) {
                TableStatus t = tables.get(i);
                int before = out.size();
                for (TableStatus.Load load : t.loads()) {
                    if (TableStatus.CHANGELOG_RESTORE.equals(load.kind()) && load.records() == 0) {
                        continue; // an empty changelog at a first start, or a task handed over before it wrote any
                    }
                    out.add(new ReferenceFigures.Bootstrap(instance, i + 1, seconds(origin, load.startedAt()),
                            load.kind(), load.topic(), load.records(), load.partitions(), millis(load.seconds()),
                            millis(t.runningAfterSeconds())));
                }
                if (out.size() == before) {
                    out.add(new ReferenceFigures.Bootstrap(instance, i + 1, seconds(origin, t.startedAt()),
                            ReferenceFigures.Bootstrap.NO_LOAD, t.store(), 0, 0, null,
                            millis(t.runningAfterSeconds())));
                }
            }
        });
        out.sort((a, b) -> Double.compare(a.startedAtSeconds(), b.startedAtSeconds()));
        return out;
    }

    /** Per instance name, what its store held and the join of its last life. */
    static List<ReferenceFigures.Held> held(Map<String, TableStatus.Held> held, Map<String, List<TableStatus>> lives) {
        List<ReferenceFigures.Held> out = new ArrayList<>();
        held.forEach((instance, h) -> {
            List<TableStatus> tables = lives.getOrDefault(instance, List.of());
            String join = tables.isEmpty() ? "" : tables.get(tables.size() - 1).join();
            out.add(new ReferenceFigures.Held(instance, join, h.rows(), h.bytes(), h.counted()));
        });
        out.sort((a, b) -> a.instance().compareTo(b.instance()));
        return out;
    }

    /** How long {@link #askHeld} may retry for a round in which every live instance answers. */
    static final Duration HELD_PATIENCE = Duration.ofSeconds(15);
    private static final Duration HELD_RETRY = Duration.ofMillis(500);

    /**
     * Asks every live instance to count its table store, one after the other; the ones that answered. An instance in
     * a rebalance cannot be queried (e.g. a restarted instance whose tasks came back just before the drain ended), so
     * a round in which a live instance did not answer is asked again, whole, every half second for up to
     * {@link #HELD_PATIENCE}; the last round is kept.
     */
    static Map<String, TableStatus.Held> askHeld(AppInstances instances) throws InterruptedException {
        if (instances == null) {
            return new TreeMap<>();
        }
        return askHeld(instances.names(), name -> instances.get(name).isAlive(),
                name -> instances.get(name).tableHeld(), HELD_PATIENCE, HELD_RETRY, Thread::sleep);
    }

    /** A pause of some milliseconds; {@link Thread#sleep(long)} outside tests. */
    interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    static Map<String, TableStatus.Held> askHeld(List<String> names, Predicate<String> alive,
                                                 Function<String, Optional<TableStatus.Held>> ask, Duration patience,
                                                 Duration retry, Pause pause) throws InterruptedException {
        Map<String, TableStatus.Held> round = new TreeMap<>();
        for (long waited = 0; ; waited += retry.toMillis()) {
            round.clear();
            boolean complete = true;
            for (String name : names) {
                Optional<TableStatus.Held> held = ask.apply(name);
                held.ifPresent(h -> round.put(name, h));
                complete &= held.isPresent() || !alive.test(name);
            }
            if (complete || waited >= patience.toMillis()) {
                return round;
            }
            pause.millis(retry.toMillis());
        }
    }

    private static Double millis(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 1000) / 1000.0;
    }

    private static double seconds(Instant origin, Instant at) {
        return Math.round(Duration.between(origin, at).toMillis() / 10.0) / 100.0;
    }
}

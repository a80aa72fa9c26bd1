package io.streamsim.simulator.run;

import io.streamsim.simulator.instances.AppInstances;
import io.streamsim.streams.TableStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Asks every live instance to count its table store, one after the other; the ones that answered. */
    static Map<String, TableStatus.Held> askHeld(AppInstances instances) {
        Map<String, TableStatus.Held> out = new TreeMap<>();
        if (instances == null) {
            return out;
        }
        for (String name : instances.names()) {
            instances.get(name).tableHeld().ifPresent(h -> out.put(name, h));
        }
        return out;
    }

    private static Double millis(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 1000) / 1000.0;
    }

    private static double seconds(Instant origin, Instant at) {
        return Math.round(Duration.between(origin, at).toMillis() / 10.0) / 100.0;
    }
}

package io.streamsim.simulator.report;

import io.streamsim.simulator.run.Sample;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The skew columns of {@code timeseries.csv}: {@code processed_per_second_partition_<p>} for every input partition
 * (from the group's committed offsets), then {@code busy_<instance>/<thread>} for every stream thread that ever
 * reported (blank in the seconds it did not: before a scale-out, after a kill), in order of first appearance.
 */
final class SkewColumns {

    private final int partitions;
    private final List<String> threads;

    SkewColumns(List<Sample> samples) {
        this.partitions = samples.stream().mapToInt(s -> s.skew().partitionProcessedPerSecond().size()).max().orElse(0);
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> s.skew().threads().forEach(t -> names.add(t.name())));
        this.threads = List.copyOf(names);
    }

    List<String> header() {
        List<String> h = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            h.add("processed_per_second_partition_" + p);
        }
        threads.forEach(t -> h.add("busy_" + t));
        return h;
    }

    List<String> values(Sample s) {
        List<String> v = new ArrayList<>();
        List<Double> rates = s.skew().partitionProcessedPerSecond();
        for (int p = 0; p < partitions; p++) {
            v.add(p < rates.size() ? String.format(Locale.ROOT, "%.1f", rates.get(p)) : "");
        }
        for (String name : threads) {
            v.add(s.skew().threads().stream().filter(t -> t.name().equals(name)).findFirst()
                    .map(t -> String.format(Locale.ROOT, "%.3f", t.busy())).orElse(""));
        }
        return v;
    }

    /** The thread names, in column order. */
    List<String> threads() {
        return threads;
    }
}

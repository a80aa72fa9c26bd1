package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamsim.streams.ThreadRatios;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkewFiguresTest {

    private static Sample sample(double t, String stage, List<Long> lag, List<Long> committed, List<ThreadLoad> threads) {
        return new Sample(t, stage, 1000, 0, 0, 0, 0, 1000, 0, 1000, lag.stream().mapToLong(Long::longValue).sum(), lag,
                committed, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, "", new SkewReading(List.of(), threads));
    }

    private static ThreadLoad thread(String name, double process, double poll) {
        return new ThreadLoad("app-instance-1", name, process, 0.01, 0.04, poll);
    }

    @Test
    void of_hotPartition_hasTheLargestShareAndLag() {
        List<Sample> samples = List.of(
                sample(1, "load", List.of(10L, 900L, 5L), List.of(100L, 200L, 100L), List.of()),
                sample(2, "load", List.of(0L, 2500L, 0L), List.of(200L, 700L, 100L), List.of()),
                sample(3, "drain", List.of(0L, 0L, 0L), List.of(250L, 1500L, 250L), List.of()));

        SkewFigures f = SkewFigures.of(samples);

        assertThat(f.partitionProcessed()).containsExactly(250L, 1500L, 250L);
        assertThat(f.hottestPartition()).isEqualTo(1);
        assertThat(f.maxPartitionShare()).isCloseTo(0.75, within(1e-9));
        assertThat(f.maxPartitionLagRecords()).isEqualTo(2500);
        assertThat(f.maxLagPartition()).isEqualTo(1);
        assertThat(f.maxLagAtSeconds()).isEqualTo(2.0);
    }

    @Test
    void of_evenLoad_sharesOneOverPartitions() {
        SkewFigures f = SkewFigures.of(List.of(sample(1, "load", List.of(0L, 0L), List.of(500L, 500L), List.of())));

        assertThat(f.maxPartitionShare()).isCloseTo(0.5, within(1e-9));
        assertThat(f.maxLagPartition()).isEqualTo(-1);
    }

    @Test
    void of_nothingCommitted_hasNoHottestPartition() {
        SkewFigures f = SkewFigures.of(List.of(sample(1, "load", List.of(7L, 7L), List.of(-1L, -1L), List.of())));

        assertThat(f.hottestPartition()).isEqualTo(-1);
        assertThat(f.maxPartitionShare()).isZero();
        assertThat(f.partitionProcessed()).containsExactly(0L, 0L);
    }

    @Test
    void of_threads_busyIsMeanAndMaxOverLoadSamplesOnly() {
        List<Sample> samples = List.of(
                sample(1, "load", List.of(), List.of(), List.of(thread("StreamThread-1", 0.90, 0.05),
                        thread("StreamThread-2", 0.10, 0.85))),
                sample(2, "load", List.of(), List.of(), List.of(thread("StreamThread-1", 0.70, 0.25),
                        thread("StreamThread-2", 0.20, 0.75))),
                sample(3, "drain", List.of(), List.of(), List.of(thread("StreamThread-1", 0.0, 0.95))));

        SkewFigures f = SkewFigures.of(samples);

        assertThat(f.threads()).extracting(SkewFigures.ThreadBusy::thread)
                .containsExactly("app-instance-1/StreamThread-1", "app-instance-1/StreamThread-2");
        SkewFigures.ThreadBusy hot = f.threads().get(0);
        assertThat(hot.samples()).isEqualTo(2);
        assertThat(hot.meanBusy()).isCloseTo(0.85, within(1e-9));
        assertThat(hot.maxBusy()).isCloseTo(0.95, within(1e-9));
        assertThat(hot.meanProcessRatio()).isCloseTo(0.80, within(1e-9));
        assertThat(f.busiestThreadMeanBusy()).isCloseTo(0.85, within(1e-9));
        assertThat(f.idlestThreadMeanBusy()).isCloseTo(0.20, within(1e-9));
    }

    @Test
    void ratesPerSecond_committedOffsets_areDeltasOverTheInterval() {
        assertThat(SkewReading.ratesPerSecond(List.of(-1L, 100L, 50L), List.of(200L, 100L, 40L), 2.0))
                .containsExactly(100.0, 0.0, 0.0);
        assertThat(SkewReading.ratesPerSecond(List.of(), List.of(30L), 1.0)).containsExactly(30.0);
    }

    @Test
    void loads_kafkaThreadIds_becomeShortNamesInOrder() {
        List<ThreadLoad> loads = ThreadLoadScraper.loads("app-instance-1", List.of(
                new ThreadRatios.ThreadRatio("streamsim-x-app-instance-1-StreamThread-2", 0.125, 0, 0, 0.875),
                new ThreadRatios.ThreadRatio("streamsim-x-app-instance-1-StreamThread-1", 0.9, 0.0, 0.03, 0.05)));

        assertThat(loads).containsExactly(
                new ThreadLoad("app-instance-1", "StreamThread-1", 0.9, 0.0, 0.03, 0.05),
                new ThreadLoad("app-instance-1", "StreamThread-2", 0.125, 0, 0, 0.875));
        assertThat(loads.get(0).busy()).isCloseTo(0.93, within(1e-9));
    }
}

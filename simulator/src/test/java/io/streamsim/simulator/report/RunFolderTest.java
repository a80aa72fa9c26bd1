package io.streamsim.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.run.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path runs;

    @Test
    void create_sameScenarioAndSecond_getsADistinctFolder() throws Exception {
        Instant t = Instant.parse("2026-11-23T10:15:30Z");

        Path first = RunFolder.create(runs, "demo", t);
        Path second = RunFolder.create(runs, "demo", t);

        assertThat(first.getFileName().toString()).isEqualTo("demo-20261123-101530");
        assertThat(second.getFileName().toString()).isEqualTo("demo-20261123-101530-2");
    }

    @Test
    void writeTimeSeries_oneRowPerSample_withAColumnPerPartitionAndBlankLatencyWhenNoResults() throws Exception {
        Sample a = new Sample(1.0, "load", 2000, 2000, 1990, 1980, 0, 1990, 1500, 1500, 490, List.of(200L, 290L),
                List.of(700L, 800L), 0, 0, 0, 0, Double.NaN, Double.NaN, 0.001, "");
        Sample b = new Sample(2.0, "drain", 0, 4000, 4000, 4000, 0, 2010, 4000, 2500, 0, List.of(0L, 0L),
                List.of(2000L, 2000L), 12, 3, 5, 1, 0.5, 1.25, 0, "kill app-instance-1, poison burst of 5 records");
        Path file = runs.resolve("timeseries.csv");

        RunFolder.writeTimeSeries(file, List.of(a, b));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).endsWith("schedule_lag_seconds,faults,lag_partition_0,lag_partition_1");
        assertThat(lines.get(1)).isEqualTo("1.000,load,2000.0,2000,1990,1980,0,1990.0,1500,1500.0,490,0,0,0,0,,,0.001,,200,290");
        assertThat(lines.get(2)).isEqualTo("2.000,drain,0.0,4000,4000,4000,0,2010.0,4000,2500.0,0,12,3,5,1,0.500,1.250,0.000,"
                + "\"kill app-instance-1, poison burst of 5 records\",0,0");
    }
}

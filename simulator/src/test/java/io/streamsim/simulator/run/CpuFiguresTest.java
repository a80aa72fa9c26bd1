package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.simulator.answer.SummaryFigures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuFiguresTest {

    @Test
    void of_cpuAndInputRecords_givesMicrosecondsPerRecord() {
        CpuFigures cpu = CpuFigures.of(Duration.ofMillis(1500), 30_000);

        assertThat(cpu.appThreadsSeconds()).isEqualTo(1.5);
        assertThat(cpu.inputRecords()).isEqualTo(30_000);
        assertThat(cpu.microsPerEvent()).isEqualTo(50.0);
    }

    @Test
    void of_cpuNotReported_isUnknownPerEventToo() {
        CpuFigures cpu = CpuFigures.of(null, 30_000);

        assertThat(cpu.appThreadsSeconds()).isNull();
        assertThat(cpu.microsPerEvent()).isNull();
    }

    @Test
    void of_inputTopicUnreadOrEmpty_hasNoPerEventFigure() {
        assertThat(CpuFigures.of(Duration.ofSeconds(2), -1).microsPerEvent()).isNull();
        assertThat(CpuFigures.of(Duration.ofSeconds(2), 0).microsPerEvent()).isNull();
        assertThat(CpuFigures.of(Duration.ofSeconds(2), 0).appThreadsSeconds()).isEqualTo(2.0);
    }

    @Test
    void summaryFigures_cpuSection_isAFigureTalkingPointsCanCompare() {
        assertThat(SummaryFigures.RUN_SUMMARY.patterns()).contains("cpu.microsPerEvent", "cpu.appThreadsSeconds");
        assertThat(SummaryFigures.RUN_SUMMARY.problem("cpu.microsPerEvent", true)).isEmpty();
    }
}

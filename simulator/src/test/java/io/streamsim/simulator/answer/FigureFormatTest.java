package io.streamsim.simulator.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

class FigureFormatTest {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    @Test
    void format_numbers_thousandsSeparatorsAndThreeSignificantDigits() {
        assertThat(FigureFormat.format("totals.eventsSent", N.numberNode(1_200_000L))).isEqualTo("1,200,000");
        assertThat(FigureFormat.format("throughput.peakSentPerSecond", N.numberNode(39_876.4))).isEqualTo("39,876");
        assertThat(FigureFormat.format("latency.p99Seconds", N.numberNode(10.983))).isEqualTo("11");
        assertThat(FigureFormat.format("latency.p99Seconds", N.numberNode(9.359))).isEqualTo("9.36");
        assertThat(FigureFormat.format("latency.maxScheduleLagSeconds", N.numberNode(0.000972446))).isEqualTo("0.000972");
        assertThat(FigureFormat.format("x.y", N.numberNode(12.0))).isEqualTo("12");
    }

    @Test
    void format_fractionsByName_readAsPercent() {
        assertThat(FigureFormat.format("skew.maxPartitionShare", N.numberNode(0.5935869873))).isEqualTo("59.4%");
        assertThat(FigureFormat.format("catchUps.0.backfill.droppedLateFraction", N.numberNode(0.00123)))
                .isEqualTo("0.123%");
        assertThat(FigureFormat.format("skew.busiestThreadMeanBusy", N.numberNode(1.0))).isEqualTo("100%");
        assertThat(FigureFormat.isFraction("latency.p99Seconds")).isFalse();
    }

    @Test
    void format_nullNaNAndBooleans_readPlainly() {
        assertThat(FigureFormat.format("faults.0.lagRecoveredAfterSeconds", NullNode.instance)).isEqualTo("[not measured]");
        assertThat(FigureFormat.format("catchUps.0.p99BeforeSeconds", N.numberNode(Double.NaN)))
                .isEqualTo("[not measured]");
        assertThat(FigureFormat.format("checks.drained", N.booleanNode(true))).isEqualTo("yes");
        assertThat(FigureFormat.format("oracle.verdict", N.textNode("exact"))).isEqualTo("exact");
    }
}

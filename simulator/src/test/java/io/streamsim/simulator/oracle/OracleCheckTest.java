package io.streamsim.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.oracle.Mismatch;
import io.streamsim.model.oracle.OracleVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleCheckTest {

    @TempDir
    Path dir;

    @Test
    void writeDetails_exactVerdict_writesTheHeaderOnly() throws Exception {
        Path file = dir.resolve("oracle-details.csv");

        OracleCheck.writeDetails(file, new OracleVerdict(1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, List.of()));

        assertThat(Files.readAllLines(file)).containsExactly(OracleCheck.CSV_HEADER);
    }

    @Test
    void writeDetails_keyWithCommaAndQuote_isQuotedPerRfc4180() throws Exception {
        Path file = dir.resolve("nested/oracle-details.csv");
        Mismatch m = new Mismatch("a,\"b\"", Instant.EPOCH, Instant.ofEpochMilli(10_000), Mismatch.Kind.MISSING,
                2, 0, 30, 0, "no result on the output for 2 records");

        OracleCheck.writeDetails(file, new OracleVerdict(1, 0, 1, 0, 0, 2, 0, 0, 2, 0, 0, List.of(m)));

        assertThat(Files.readAllLines(file)).containsExactly(OracleCheck.CSV_HEADER,
                "MISSING,\"a,\"\"b\"\"\",1970-01-01T00:00:00Z,1970-01-01T00:00:10Z,2,0,30,0,"
                        + "no result on the output for 2 records");
    }


    @Test
    void describe_windowsExactButRecordsMissingFromTheRepartitionTopic_isNotExact() {
        OracleVerdict exactWindows = new OracleVerdict(1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, List.of());
        StepFigures.Repartition lost = new StepFigures.Repartition("app-by-customerId-repartition", 9, 900, 10, 1, 0,
                0, 0, 0);

        String verdict = OracleCheck.describe(exactWindows, lost);
        OracleReport report = new OracleReport(verdict, exactWindows, 10, 1, 0, null, null, lost, null, null);

        assertThat(verdict).isEqualTo("1 of 10 records missing from the repartition topic");
        assertThat(report.exact()).isFalse();
        assertThat(report.noLoss()).isFalse();
    }

    @Test
    void describe_extraCopiesOnly_leavesTheWindowVerdictToJudgeThem() {
        OracleVerdict exactWindows = new OracleVerdict(1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, List.of());
        StepFigures.Repartition copies = new StepFigures.Repartition("app-by-customerId-repartition", 12, 1200, 10, 0,
                2, 0, 0, 0);

        assertThat(OracleCheck.describe(exactWindows, copies)).isEqualTo("exact");
        assertThat(new OracleReport("exact", exactWindows, 10, 1, 0, null, null, copies, null, null).exact()).isTrue();
    }

    @Test
    void describe_mismatchesAStreamTimeResetExplains_areCountedApart() {
        Mismatch reset = new Mismatch("k", Instant.EPOCH, Instant.ofEpochSecond(10), Mismatch.Kind.WRONG, 1, 2, 1, 2,
                "event 7 aggregated although the oracle's stream time had closed the window (a stream-time reset after"
                        + " a restart or rebalance?)");
        Mismatch doubled = new Mismatch("k", Instant.ofEpochSecond(10), Instant.ofEpochSecond(20),
                Mismatch.Kind.WRONG, 1, 2, 1, 2, "event 8 counted twice");
        OracleVerdict verdict = new OracleVerdict(2, 0, 0, 2, 0, 2, 4, 2, 0, 1, 0, List.of(reset, doubled));

        assertThat(OracleCheck.describe(verdict, null)).isEqualTo("2 windows wrong (of 2 expected); 2 contributions"
                + " counted twice, 0 missing; of these, 1 explained by a stream-time reset after a restart or rebalance"
                + " (Kafka does not restore a window task's stream time: timing-dependent, listed with their events in"
                + " oracle-mismatches.csv)");
        assertThat(OracleCheck.describe(new OracleVerdict(2, 1, 0, 1, 0, 2, 3, 1, 0, 1, 0, List.of(doubled)), null))
                .doesNotContain("stream-time reset");
    }

    @Test
    void describe_moreMismatchesThanListed_saysTheResetCountCoversTheListedOnly() {
        Mismatch reset = new Mismatch("k", Instant.EPOCH, Instant.ofEpochSecond(10), Mismatch.Kind.UNEXPECTED, 0, 1,
                0, 2, "event 7 aggregated although the oracle's stream time had closed the window (a stream-time reset"
                        + " after a restart or rebalance?)");
        OracleVerdict capped = new OracleVerdict(5, 5, 0, 0, 3, 5, 8, 3, 0, 1, 0, List.of(reset));

        assertThat(OracleCheck.describe(capped, null)).isEqualTo("3 windows unexpected (of 5 expected); 3"
                + " contributions counted twice, 0 missing; of the 1 listed (the first; the others were not traced), 1"
                + " explained by a stream-time reset after a restart or rebalance (Kafka does not restore a window"
                + " task's stream time: timing-dependent, listed with their events in oracle-mismatches.csv)");
    }
}

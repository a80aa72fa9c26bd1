package io.streamsim.model.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.EventCodec;
import io.streamsim.model.OrderEvent;
import io.streamsim.model.SequenceMeasure;
import io.streamsim.model.WindowResult;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import io.streamsim.model.scenario.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OracleComparisonTest {

    private static final Duration SIZE = Duration.ofSeconds(10);

    private static WindowResult result(String key, long startMs, long count, long sum, long checksum) {
        return new WindowResult(key, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs).plus(SIZE), count,
                sum, checksum, Instant.EPOCH);
    }

    private static Map<WindowKey, WindowResult> actual(WindowResult... results) {
        Map<WindowKey, WindowResult> map = new HashMap<>();
        for (WindowResult r : results) {
            map.put(new WindowKey(r.key(), r.windowStart().toEpochMilli()), r);
        }
        return map;
    }

    /** A window's expectation whose end {@link #expect} sets: its start plus {@link #SIZE}. */
    private static ExpectedWindow ew(long count, long sum, long idChecksum) {
        return new ExpectedWindow(count, sum, idChecksum, -1);
    }

    private static Expectation expect(Map<WindowKey, ExpectedWindow> windows, Map<WindowKey, WindowTrace> traces) {
        Map<WindowKey, ExpectedWindow> ended = new HashMap<>();
        windows.forEach((k, w) -> ended.put(k, new ExpectedWindow(w.count(), w.sum(), w.idChecksum(),
                k.windowStartMs() + SIZE.toMillis())));
        return new Expectation(ended, traces, 0, 0, 0, 0, 0, 0, 0);
    }

    private static long hashes(long... ids) {
        long sum = 0;
        for (long id : ids) {
            sum += WindowResult.idHash(id);
        }
        return sum;
    }

    @Test
    void compare_identicalOutput_isExact() {
        Expectation e = expect(Map.of(new WindowKey("a", 0), ew(2, 30, hashes(1, 2))), Map.of());

        OracleVerdict v = OracleComparison.compare(e, actual(result("a", 0, 2, 30, hashes(1, 2))));

        assertThat(v.exact()).isTrue();
        assertThat(v.noLoss()).isTrue();
        assertThat(v.describe()).isEqualTo("exact");
        assertThat(v.windowsMatched()).isEqualTo(1);
        assertThat(v.mismatches()).isEmpty();
    }

    @Test
    void compare_wrongMissingAndUnexpectedWindows_areCountedAndListedInWindowOrder() {
        Expectation e = expect(Map.of(
                new WindowKey("a", 0), ew(2, 30, hashes(1, 2)),
                new WindowKey("b", 0), ew(1, 5, hashes(3)),
                new WindowKey("a", 10_000), ew(3, 3, hashes(4, 5, 6))), Map.of());

        OracleVerdict v = OracleComparison.compare(e, actual(
                result("a", 0, 3, 45, hashes(1, 2, 2)),
                result("a", 10_000, 3, 3, hashes(4, 5, 6)),
                result("c", 20_000, 2, 7, hashes(8, 9))));

        assertThat(v.exact()).isFalse();
        assertThat(v.noLoss()).isFalse();
        assertThat(v.windowsExpected()).isEqualTo(3);
        assertThat(v.windowsMatched()).isEqualTo(1);
        assertThat(v.windowsWrong()).isEqualTo(1);
        assertThat(v.windowsMissing()).isEqualTo(1);
        assertThat(v.windowsUnexpected()).isEqualTo(1);
        assertThat(v.contributionsExpected()).isEqualTo(6);
        assertThat(v.contributionsActual()).isEqualTo(8);
        assertThat(v.contributionsCountedTwice()).isEqualTo(3);
        assertThat(v.contributionsMissing()).isEqualTo(1);
        assertThat(v.mismatches()).extracting(Mismatch::key, Mismatch::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", Mismatch.Kind.WRONG),
                org.assertj.core.groups.Tuple.tuple("b", Mismatch.Kind.MISSING),
                org.assertj.core.groups.Tuple.tuple("c", Mismatch.Kind.UNEXPECTED));
        assertThat(v.mismatches().get(0).diagnosis()).isEqualTo("1 record more than expected");
        assertThat(v.mismatches().get(1).diagnosis()).isEqualTo("no result on the output for 1 record");
        assertThat(v.mismatches().get(1).windowEnd()).isEqualTo(Instant.ofEpochMilli(10_000));
        assertThat(v.describe()).isEqualTo(
                "1 window wrong, 1 missing, 1 unexpected (of 3 expected); 3 contributions counted twice, 1 missing");
    }

    @Test
    void compare_duplicatesOnly_isNoLossButNotExact() {
        Expectation e = expect(Map.of(new WindowKey("a", 0), ew(1, 10, hashes(1))), Map.of());

        OracleVerdict v = OracleComparison.compare(e, actual(result("a", 0, 2, 20, hashes(1, 1))));

        assertThat(v.exact()).isFalse();
        assertThat(v.noLoss()).isTrue();
        assertThat(v.describe()).isEqualTo("1 window wrong (of 1 expected); 1 contribution counted twice, 0 missing");
    }

    @Test
    void compare_sameCountOtherEvents_isWrong() {
        Expectation e = expect(Map.of(new WindowKey("a", 0), ew(1, 10, hashes(1))), Map.of());

        OracleVerdict v = OracleComparison.compare(e, actual(result("a", 0, 1, 10, hashes(2))));

        assertThat(v.windowsWrong()).isEqualTo(1);
        assertThat(v.mismatches().get(0).diagnosis()).isEqualTo("same count, other events (id checksum differs)");
    }

    @Test
    void compare_tracedWindow_namesTheEventCountedTwiceOrMissing() {
        WindowKey a = new WindowKey("a", 0);
        WindowKey b = new WindowKey("b", 0);
        Expectation e = expect(
                Map.of(a, ew(2, 2, hashes(1, 2)), b, ew(2, 2, hashes(3, 4))),
                Map.of(a, new WindowTrace(List.of(1L, 2L), List.of()), b, new WindowTrace(List.of(3L, 4L), List.of())));

        OracleVerdict v = OracleComparison.compare(e, actual(
                result("a", 0, 3, 3, hashes(1, 2, 2)),
                result("b", 0, 1, 1, hashes(4))));

        assertThat(v.mismatches()).extracting(Mismatch::diagnosis)
                .containsExactly("event 2 counted twice", "event 3 missing");
    }

    @Test
    void compare_outputOfATaskWhoseStreamTimeWasReset_isDiagnosedFromTheTrace() {
        TopologySpec spec = new TopologySpec(new WindowSpec.Tumbling(SIZE), Duration.ZERO, EmitMode.EAGER,
                ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100));
        WindowOracle uninterrupted = new WindowOracle(spec, w -> true);
        WindowOracle restarted = new WindowOracle(spec);
        long[][] records = {{50_000, 1}, {1_000, 2}, {2_000, 3}};
        for (int i = 0; i < records.length; i++) {
            if (i == 2) {
                restarted.resetStreamTime(0);
            }
            byte[] value = EventCodec.encode(new OrderEvent(records[i][1], Instant.ofEpochMilli(records[i][0]), "k",
                    "o", "c", "s", 1, 1, "EUR"));
            uninterrupted.accept(0, i, records[i][0], "k".getBytes(StandardCharsets.UTF_8), value);
            restarted.accept(0, i, records[i][0], "k".getBytes(StandardCharsets.UTF_8), value);
        }
        Map<WindowKey, WindowResult> emitted = new HashMap<>();
        restarted.result().windows().forEach((w, r) -> emitted.put(w,
                result(w.key(), w.windowStartMs(), r.count(), r.sum(), r.idChecksum())));

        OracleVerdict v = OracleComparison.compare(uninterrupted.result(), emitted);

        assertThat(v.windowsUnexpected()).isEqualTo(1);
        assertThat(v.droppedLateExpected()).isEqualTo(2);
        assertThat(v.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Mismatch.Kind.UNEXPECTED);
            assertThat(m.windowStart()).isEqualTo(Instant.EPOCH);
            assertThat(m.diagnosis()).startsWith("event 3 aggregated although the oracle's stream time had closed");
        });
    }

    @Test
    void compare_manyMismatches_listsTheFirstThousandButCountsAll() {
        Map<WindowKey, ExpectedWindow> windows = new HashMap<>();
        for (int i = 0; i < 1_500; i++) {
            windows.put(new WindowKey("k", i * 10_000L), ew(1, 1, hashes(i)));
        }

        OracleVerdict v = OracleComparison.compare(expect(windows, Map.of()), Map.of());

        assertThat(v.windowsMissing()).isEqualTo(1_500);
        assertThat(v.contributionsMissing()).isEqualTo(1_500);
        assertThat(v.mismatches()).hasSize(OracleComparison.MAX_MISMATCHES);
        assertThat(v.mismatches().get(999).windowStart()).isEqualTo(Instant.ofEpochMilli(9_990_000));
        assertThat(v.withMismatchesLimitedTo(10).mismatches()).hasSize(10);
        assertThat(v.withMismatchesLimitedTo(10).windowsMissing()).isEqualTo(1_500);
    }

    @Test
    void compare_sameEventsOtherSequence_isWrongAndNamesTheField() {
        SequenceMeasure want = SequenceMeasure.NONE.add(SequenceMeasure.VIEW, 1).add(SequenceMeasure.VIEW, 2);
        SequenceMeasure got = SequenceMeasure.NONE.add(SequenceMeasure.VIEW, 1).add(SequenceMeasure.VIEW, 5);
        Expectation e = new Expectation(Map.of(new WindowKey("a", 0), new ExpectedWindow(2, 30, hashes(1, 2), 10_000, want)),
                Map.of(), 0, 0, 0, 0, 0, 0, 0);

        OracleVerdict v = OracleComparison.compare(e, actual(new WindowResult("a", Instant.EPOCH,
                Instant.ofEpochMilli(10_000), 2, 30, hashes(1, 2), Instant.EPOCH, got)));

        assertThat(v.windowsWrong()).isEqualTo(1);
        assertThat(v.mismatches()).singleElement()
                .satisfies(m -> assertThat(m.diagnosis()).isEqualTo("same events, secondViewMs 5 instead of 2"));
    }
}

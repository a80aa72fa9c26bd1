package io.streamsim.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsim.model.WindowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowShapeTest {

    private static WindowResult session(String key, long startMs, long endMs) {
        return new WindowResult(key, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs), 1, 1, 1,
                Instant.EPOCH);
    }

    @Test
    void of_sessions_givesLengthPercentilesByNearestRankAndSessionsPerKey() {
        List<WindowResult> latest = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            latest.add(session("a" + i, 0, 1_000));
        }
        latest.add(session("a0", 50_000, 50_000 + 120_000));

        WindowShape shape = WindowShape.of(latest, true);

        assertThat(shape.windows()).isEqualTo(100);
        assertThat(shape.keys()).isEqualTo(99);
        assertThat(shape.sessions()).isEqualTo(new WindowShape.SessionFigures(1.0, 1.0, 120.0, 100.0 / 99, 2));
    }

    @Test
    void of_oneRecordSession_hasLengthZero() {
        WindowShape shape = WindowShape.of(List.of(session("a", 5_000, 5_000)), true);

        assertThat(shape.sessions().lengthMaxSeconds()).isZero();
    }

    @Test
    void of_alignedWindows_countsWindowsAndKeysWithoutSessionFigures() {
        WindowShape shape = WindowShape.of(List.of(session("a", 0, 10_000), session("a", 10_000, 20_000)), false);

        assertThat(shape).isEqualTo(new WindowShape(2, 1, null));
    }
}

package io.streamsim.simulator.sweep;

import java.time.Instant;
import java.util.List;

/**
 * A sweep as written to {@code sweep.json}: what was varied, the rows of the runs that ran, and whether every
 * planned run ran ({@code complete} false after Ctrl-C, with {@code runsPlanned} saying how many there were to be).
 *
 * @param bootstrapServers the broker every run shared, or null when each run started its own Kafka
 * @param tradeOff         the trade-off chart's two figures as the sweep file named them; null to let the page choose
 */
public record SweepResult(String scenario, String prompt, long seed, List<Vary> varies, int repeat, Instant startedAt,
                          Instant finishedAt, boolean complete, int runsPlanned, String bootstrapServers,
                          List<SweepRow> runs, SweepFile.TradeOff tradeOff) {

    public SweepResult {
        varies = List.copyOf(varies);
        runs = List.copyOf(runs);
    }

    /** Without a trade-off named by a sweep file. */
    public SweepResult(String scenario, String prompt, long seed, List<Vary> varies, int repeat, Instant startedAt,
                       Instant finishedAt, boolean complete, int runsPlanned, String bootstrapServers,
                       List<SweepRow> runs) {
        this(scenario, prompt, seed, varies, repeat, startedAt, finishedAt, complete, runsPlanned, bootstrapServers,
                runs, null);
    }
}

package io.streamsim.simulator.report;

import io.streamsim.model.oracle.LatenessHistogram;
import io.streamsim.model.oracle.OracleVerdict;
import io.streamsim.model.scenario.Scenario;
import io.streamsim.model.scenario.ScenarioLoader;
import io.streamsim.simulator.oracle.OracleReport;
import io.streamsim.simulator.run.RunSummary;
import io.streamsim.simulator.run.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small scenario, synthetic samples and a summary to render, for the report and live-page tests. */
public final class ReportFixtures {

    private ReportFixtures() {
    }

    /** The scenario's file. */
    public static final String YAML = """
                name: report-demo
                prompt: "Describe how to handle late-arriving data <at scale>."
                seed: 7
                events: {type: orders, keys: 100}
                rate:
                  - {for: 10s, eventsPerSecond: 1000}
                  - {for: 10s, step: {factor: 10}}
                  - {for: 10s, ramp: {to: 1000}}
                disorder: {lateFraction: 0.05, delay: {exponential: {mean: 2s}}, maxDelay: 10s}
                topology: {window: {tumbling: 10s}, grace: 5s, emit: final, guarantee: exactly_once_v2}
                topics: {partitions: 3, replicationFactor: 1}
                app: {instances: 2, threadsPerInstance: 1}
                faults:
                  - {at: 12s, kill: app-instance-1}
                  - {at: 20s, restart: app-instance-1}
                talkingPoints:
                  - "p99 was {latency.p99Seconds}s with {totals.droppedLateKafka} dropped late."
                  - "The kill at {faults.0.atSeconds}s: lag back after {faults.0.lagRecoveredAfterSeconds}s."
                  - when: "latency.p99Seconds < 5 and checks.drained == true"
                    then: "Fast: p99 {latency.p99Seconds}s."
                    else: "Slow: p99 {latency.p99Seconds}s, {oracle.counts.droppedLateExpected} dropped by the oracle."
                """;

    public static Scenario scenario() {
        return ScenarioLoader.parse(YAML, "test", "report-demo");
    }

    /** One sample a second for {@code seconds} seconds, 3 partitions, no latency in the first two seconds. */
    public static List<Sample> samples(int seconds) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= seconds; i++) {
            double rate = i <= 10 ? 1000 : i <= 20 ? 10000 : 10000 - (i - 20) * 900;
            long lag = i * 37L;
            samples.add(new Sample(i, i <= 30 ? "load" : "drain", rate, i * 1000L, i * 1000L, i * 1000L, 0,
                    rate + i, i * 990L, rate - i, lag, List.of(lag / 3, lag / 3, lag - 2 * (lag / 3)),
                    List.of(i * 300L, i * 300L, i * 300L), i * 5L, i / 4, i / 10, 2,
                    i <= 2 ? Double.NaN : 1.5 + i * 0.01, i <= 2 ? Double.NaN : 6.0 + i * 0.05, 0.001,
                    i == 12 ? "kill app-instance-1" : ""));
        }
        return samples;
    }

    public static RunSummary summary(Scenario scenario) {
        OracleVerdict verdict = new OracleVerdict(120, 120, 0, 0, 0, 30000, 30000, 0, 0, 17, 0, List.of());
        LatenessHistogram lateness = new LatenessHistogram(LatenessHistogram.DEFAULT_BOUNDS_SECONDS,
                List.of(28000L, 300L, 500L, 400L, 350L, 250L, 150L, 50L, 0L, 0L, 0L, 0L));
        return new RunSummary(scenario.name(), scenario.seed(), scenario.prompt(), true, "completed",
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:40Z"),
                Instant.parse("2026-11-23T10:00:01Z"),
                new RunSummary.Versions("0.1.0-SNAPSHOT", "4.3.1", "17"),
                new RunSummary.Target("embedded", "127.0.0.1:9092", 1, 2, 1, "exactly_once_v2"),
                new RunSummary.Topics("in", "out", "dlq", 3, 1),
                new RunSummary.Totals(30000, 30000, 30000, 30000, 30000, 0, 0, 30000, 3, 30100, 17, 17, 0, 0, 100,
                        new RunSummary.WindowTotals(120, 120, 30000, 30000, 0, 0)),
                new RunSummary.Checks(true, true, true),
                new RunSummary.Throughput(10000, 4000.5, 10030, 3990.25, 12000),
                new RunSummary.Latency(120, 2.5, 7.25, 9.359, 10.68, 0.0006),
                new RunSummary.Lag("committed offsets of the app's consumer group", 4679, 14.0),
                new OracleReport("exact", verdict, 30003, 120, 0, lateness),
                List.of(new RunSummary.PhaseFigures("rate[0]", 0, 10, 1000, 1001, 995, 400, null),
                        new RunSummary.PhaseFigures("rate[1]", 10, 20, 10000, 10003, 9000, 4679, 6.5)),
                List.of(new RunSummary.FaultRecovery("kill app-instance-1", 12.0, "ok", 900, 4679, 14.0, 8.0, 8.5, 1,
                                7.0, 2, 1, false),
                        new RunSummary.FaultRecovery("restart app-instance-1", 20.0, "ok", 3000, 970, 24.0, 0.0, 0.0,
                                6, 0, 0, 2, false)),
                List.of(new RunSummary.ExpectationResult("oracle", "exact", "exact", true)),
                scenario.talkingPoints());
    }

    /** {@code s} with {@code cpu} as its CPU figures. */
    public static RunSummary withCpu(RunSummary s, io.streamsim.simulator.run.CpuFigures cpu) {
        return new RunSummary(s.scenario(), s.seed(), s.prompt(), s.completed(), s.outcome(), s.startedAt(),
                s.finishedAt(), s.eventTimeOrigin(), s.versions(), s.target(), s.topics(), s.totals(), s.checks(),
                s.throughput(), s.latency(), s.lag(), s.oracle(), s.phases(), s.faults(), s.expectations(),
                s.talkingPoints(), s.catchUps(), s.windowShape(), s.reference(), s.skew(), s.stageSkew(), cpu);
    }
}

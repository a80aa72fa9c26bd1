package io.streamsim.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamsim.model.scenario.Durations;
import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.simulator.broker.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamsim bench pipeline}: on one embedded broker, the maximum sustainable rate of streamsim's own
 * pipeline and of a bare baseline (ProducerPerformance + a hand-written Kafka Streams app), by the same rate search,
 * and their ratio. See README's Performance section for how to read it.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, description = {
        "Max sustainable rate of streamsim's pipeline vs a bare baseline (ProducerPerformance + a hand-written Kafka "
                + "Streams app) with the same window, grace, emit, guarantee, partitions, instances and threads, on "
                + "one embedded broker.",
        "Sustainable: after the warm-up, for the whole hold, producers on schedule (>= 98%% of the rate) and "
                + "committed-offset lag below --max-lag of traffic on top of one commit interval."})
public final class PipelineBenchCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** Which sides to run. */
    enum Sides { both, streamsim, baseline }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--guarantee", defaultValue = "at_least_once",
            description = "at_least_once or exactly_once_v2 (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--emit", defaultValue = "eager", description = "eager or final (default: ${DEFAULT-VALUE}).")
    String emit;

    @Option(names = "--instances", defaultValue = "1", description = "App instances (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--threads", defaultValue = "2",
            description = "Stream threads per instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--partitions", defaultValue = "6", description = "Input partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--warmup", defaultValue = "20s",
            description = "Seconds of each probe not judged, from its first event (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--hold", defaultValue = "60s",
            description = "Judged seconds after the warm-up (default: ${DEFAULT-VALUE}).")
    String hold;

    @Option(names = "--max-lag", defaultValue = "1s",
            description = "Lag allowed in the hold, as traffic of this long, on top of one commit interval "
                    + "(default: ${DEFAULT-VALUE}).")
    String maxLag;

    @Option(names = "--start-rate", defaultValue = "10000",
            description = "First probe's events/s (default: ${DEFAULT-VALUE}).")
    double startRate;

    @Option(names = "--step-factor", defaultValue = "2",
            description = "Rate multiplier while stepping up (or divisor while the first probes fail) "
                    + "(default: ${DEFAULT-VALUE}).")
    double stepFactor;

    @Option(names = "--precision", defaultValue = "0.1",
            description = "Stop bisecting once first failing / last good <= 1 + this (default: ${DEFAULT-VALUE}).")
    double precision;

    @Option(names = "--max-probes", defaultValue = "10",
            description = "Probes per side, at most (default: ${DEFAULT-VALUE}).")
    int maxProbes;

    @Option(names = "--warmup-probes", defaultValue = "1",
            description = "Probes per side at the start rate before the search, not counted: the first probes of a "
                    + "JVM run with cold JIT (default: ${DEFAULT-VALUE}).")
    int warmupProbes;

    @Option(names = "--sides", defaultValue = "both",
            description = "both, streamsim or baseline (default: ${DEFAULT-VALUE}).")
    Sides sides;

    @Option(names = "--out", defaultValue = "runs",
            description = "Parent folder of the bench's folder bench-pipeline-<UTC time> (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick",
            description = "A smoke test, not a measurement: warm-up 2s, hold 3s, 2 probes a side from 1,000/s, no "
                    + "warm-up probes (where those options are not given).")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        if (quick) {
            CommandLine.ParseResult given = spec.commandLine().getParseResult();
            warmup = given.hasMatchedOption("--warmup") ? warmup : "2s";
            hold = given.hasMatchedOption("--hold") ? hold : "3s";
            startRate = given.hasMatchedOption("--start-rate") ? startRate : 1000;
            maxProbes = given.hasMatchedOption("--max-probes") ? maxProbes : 2;
            warmupProbes = given.hasMatchedOption("--warmup-probes") ? warmupProbes : 0;
        }
        ProbeSettings settings;
        try {
            settings = new ProbeSettings(enumValue(ProcessingGuarantee.class, guarantee, "--guarantee"),
                    enumValue(EmitMode.class, emit, "--emit"), instances, threads, partitions, ProbeSettings.WINDOW,
                    ProbeSettings.GRACE, 2000, 1.1, 42, Durations.parse(warmup), Durations.parse(hold),
                    Durations.parse(maxLag));
            new RateFinder(startRate, stepFactor, precision, maxProbes, 100);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (warmupProbes < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup-probes must be >= 0");
        }
        Clock clock = Clock.systemUTC();
        var startedAt = clock.instant();
        Path dir = Files.createDirectories(out.resolve("bench-pipeline-" + STAMP.format(startedAt)));
        console.printf(Locale.ROOT, "bench pipeline: %s%n", settings.describe());
        console.printf(Locale.ROOT, "rate search: from %.0f/s, x%s up, bisect to %.0f%%, at most %d probes a side "
                        + "after %d warm-up probe(s); output in %s%n", startRate, stepFactor, precision * 100,
                maxProbes, warmupProbes, dir);
        console.flush();

        Map<String, List<ProbeResult>> results = new LinkedHashMap<>();
        Map<String, RateFinder> finders = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        if (sides != Sides.baseline) {
            order.add("streamsim");
        }
        if (sides != Sides.streamsim) {
            order.add("baseline");
        }
        for (String side : order) {
            results.put(side, new ArrayList<>());
            finders.put(side, new RateFinder(startRate, stepFactor, precision, maxProbes, 100));
        }
        double payloadBytes;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
             ProcessSampler sampler = new ProcessSampler(clock)) {
            sampler.start();
            ProbeJudge judge = new ProbeJudge(settings, sampler);
            StreamsimProbe streamsim =
                    new StreamsimProbe(settings, broker.bootstrapServers(), admin, dir, judge, clock);
            BaselineProbe baseline = new BaselineProbe(settings, broker.bootstrapServers(), admin, dir, judge, clock);
            payloadBytes = baseline.meanValueBytes();
            printHeader(console);
            int number = 0;
            for (int w = 0; w < warmupProbes; w++) {
                for (String side : order) {
                    number++;
                    ProbeResult r = probe(side, number, startRate, true, streamsim, baseline, sampler, judge, clock);
                    results.get(side).add(r);
                    print(console, r);
                }
            }
            // The sides take turns, and who goes first alternates by round, so that drift over the run (a warmer
            // JIT, a fuller page cache, other users of the machine) falls on both alike.
            for (int round = 1; ; round++) {
                List<String> turn = new ArrayList<>(order);
                if (round % 2 == 0) {
                    java.util.Collections.reverse(turn);
                }
                boolean any = false;
                for (String side : turn) {
                    RateFinder finder = finders.get(side);
                    OptionalDouble next = finder.next();
                    if (next.isEmpty()) {
                        continue;
                    }
                    any = true;
                    number++;
                    ProbeResult r = probe(side, number, next.getAsDouble(), false, streamsim, baseline, sampler, judge,
                            clock);
                    finder.record(r.targetEventsPerSecond(), r.sustainable());
                    results.get(side).add(r);
                    print(console, r);
                }
                if (!any) {
                    break;
                }
            }
        }
        Map<String, PipelineBenchReport.SideReport> sideReports = new LinkedHashMap<>();
        for (String side : order) {
            RateFinder f = finders.get(side);
            ProbeResult atMax = results.get(side).stream()
                    .filter(r -> !r.warmupProbe() && r.sustainable() && r.targetEventsPerSecond() == f.maxSustainable())
                    .reduce((a, b) -> b).orElse(null);
            sideReports.put(side, new PipelineBenchReport.SideReport(describe(side), f.maxSustainable(),
                    Double.isInfinite(f.firstFailing()) ? null : f.firstFailing(), f.converged(), atMax,
                    results.get(side)));
        }
        Double ratio = null;
        if (sideReports.size() == 2 && sideReports.get("baseline").maxSustainableEventsPerSecond() > 0
                && sideReports.get("streamsim").maxSustainableEventsPerSecond() > 0) {
            ratio = sideReports.get("streamsim").maxSustainableEventsPerSecond()
                    / sideReports.get("baseline").maxSustainableEventsPerSecond();
        }
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("maxHeapMegabytes", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("meanEventBytes", Math.round(payloadBytes));
        PipelineBenchReport report = new PipelineBenchReport(startedAt, clock.instant(), settings.describe(),
                new PipelineBenchReport.Search(startRate, stepFactor, precision, maxProbes, warmupProbes,
                        "warm-up probes first (each side at the start rate); then rounds of one probe a side, "
                                + "streamsim first in odd rounds, the baseline first in even ones",
                        "after the warm-up, for the whole hold: records produced at >= 98% of the rate, and "
                                + "committed-offset lag below the limit (rate x (max-lag + commit interval)) every "
                                + "second"),
                machine, sideReports, ratio);
        Path json = dir.resolve("bench-pipeline.json");
        JSON.writeValue(json.toFile(), report);
        printSummary(console, sideReports, ratio);
        console.printf("written: %s%n", json);
        console.flush();
        return 0;
    }

    private static String describe(String side) {
        return "streamsim".equals(side)
                ? "streamsim's pipeline as `streamsim run` runs it (ScenarioRun on a generated scenario), judged from "
                        + "its run folder"
                : "Kafka's ProducerPerformance --throughput R feeding a hand-written Kafka Streams app in this JVM";
    }

    /**
     * One probe; one that throws (the app did not start in time on a busy machine, say) counts as not sustainable
     * and says why, so that a long search is not lost to it.
     */
    private static ProbeResult probe(String side, int number, double rate, boolean warmupProbe,
                                     StreamsimProbe streamsim, BaselineProbe baseline, ProcessSampler sampler,
                                     ProbeJudge judge, Clock clock) {
        sampler.forget(clock.instant().minusSeconds(5));
        var start = clock.instant();
        try {
            return "streamsim".equals(side) ? streamsim.run(number, rate, warmupProbe)
                    : baseline.run(number, rate, warmupProbe);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return judge.broken(side, number, warmupProbe, rate, start, clock.instant(), e);
        }
    }

    private static void printHeader(PrintWriter console) {
        console.printf("%-5s %-9s %9s  %-6s %10s %17s %7s %8s %17s %7s %6s%n", "probe", "side", "rate/s", "held",
                "produced/s", "max lag (limit)", "1st ev", "keeps up", "CPU us/ev JVMs/mc", "RSS MB", "wall");
        console.flush();
    }

    private static void print(PrintWriter console, ProbeResult r) {
        console.printf(Locale.ROOT, "%-5s %-9s %9.0f  %-6s %10.0f %8d (%6d) %6s %8s %8s / %-6s %7d %5.0fs%s%n",
                r.number() + (r.warmupProbe() ? "w" : ""), r.side(), r.targetEventsPerSecond(),
                r.sustainable() ? "yes" : "NO", r.producedPerSecond(), r.maxLagRecords(), r.lagThresholdRecords(),
                seconds(r.firstEventAfterSeconds()), seconds(r.keepsUpAfterSeconds()),
                number(r.cpuMicrosPerEvent().get("all JVMs")), number(r.cpuMicrosPerEvent().get("whole machine")),
                r.totalRssMegabytes(), r.wallSeconds(), r.sustainable() ? "" : "  " + r.reason());
        console.flush();
    }

    private static void printSummary(PrintWriter console, Map<String, PipelineBenchReport.SideReport> sides,
                                     Double ratio) {
        console.println();
        for (Map.Entry<String, PipelineBenchReport.SideReport> e : sides.entrySet()) {
            PipelineBenchReport.SideReport s = e.getValue();
            console.printf(Locale.ROOT, "%-9s max sustainable %.0f events/s (first failing: %s; %s)%n", e.getKey(),
                    s.maxSustainableEventsPerSecond(),
                    s.firstFailingEventsPerSecond() == null ? "none" : String.format(Locale.ROOT, "%.0f/s",
                            s.firstFailingEventsPerSecond()),
                    s.converged() ? "converged" : "not converged: more --max-probes would narrow it");
            ProbeResult m = s.atMax();
            if (m == null) {
                continue;
            }
            console.printf(Locale.ROOT, "          at %.0f/s: first event %ss after the probe's start, app keeps "
                            + "up %ss after the first event%n", m.targetEventsPerSecond(),
                    seconds(m.firstEventAfterSeconds()), seconds(m.keepsUpAfterSeconds()));
            StringBuilder cpu = new StringBuilder();
            m.cpuMicrosPerEvent().forEach((role, us) -> cpu.append(cpu.length() == 0 ? "" : ", ").append(role)
                    .append(' ').append(number(us)));
            console.printf("          CPU us/event over the hold: %s%n", cpu);
            console.printf("          RSS MB at the hold's end: %s (total %d; %d at the hold's start)%n",
                    m.rssMegabytes(), m.totalRssMegabytes(), m.totalRssAtHoldStartMegabytes());
        }
        if (ratio != null) {
            console.printf(Locale.ROOT, "ratio streamsim / baseline (max sustainable rates): %.2f%n", ratio);
        } else if (sides.size() == 2) {
            console.println("ratio streamsim / baseline: n/a (a side held at no rate probed)");
        }
    }

    private static String seconds(Double s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.1f", s);
    }

    private static String number(Double d) {
        return d == null || d.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String option) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": unknown value '" + text + "'");
        }
    }
}

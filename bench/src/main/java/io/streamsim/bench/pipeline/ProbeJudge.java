package io.streamsim.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what one probe left behind (its once-a-second readings and when its first event was due) into a
 * {@link ProbeResult}: the same judgement and the same CPU and memory accounting for both sides.
 */
final class ProbeJudge {

    private final ProbeSettings settings;
    private final ProcessSampler sampler;

    ProbeJudge(ProbeSettings settings, ProcessSampler sampler) {
        this.settings = settings;
        this.sampler = sampler;
    }

    /** A probe that broke before it could be judged: not sustainable, with why. */
    ProbeResult broken(String side, int number, boolean warmupProbe, double rate, Instant probeStart, Instant probeEnd,
                       Exception e) {
        return new ProbeResult(side, number, warmupProbe, rate, false, "probe failed: " + e, 0, -1,
                settings.lagThresholdRecords(rate), 0, null, null,
                Duration.between(probeStart, probeEnd).toMillis() / 1000.0, Map.of(), 0, Map.of(), 0, 0, List.of(),
                null, e.toString());
    }

    ProbeResult judge(String side, int number, boolean warmupProbe, double rate, List<Second> seconds,
                      Instant probeStart, Instant firstEvent, Instant probeEnd, String runFolder, String note) {
        long threshold = settings.lagThresholdRecords(rate);
        HoldVerdict verdict = HoldVerdict.judge(seconds, rate, settings.warmup(), settings.hold(), threshold);
        Instant holdStart = firstEvent == null ? probeStart : firstEvent.plus(settings.warmup());
        Instant holdEnd = holdStart.plus(settings.hold()).plusMillis(500);
        List<ProcessSampler.Snapshot> inHold = sampler.between(holdStart, holdEnd);
        Map<String, Double> cpu = Map.of();
        Map<String, Long> rss = new LinkedHashMap<>();
        long totalRss = 0;
        long totalRssAtStart = 0;
        double window = 0;
        List<String> others = List.of();
        if (inHold.size() >= 2) {
            ProcessSampler.Snapshot from = inHold.get(0);
            ProcessSampler.Snapshot to = inHold.get(inHold.size() - 1);
            CpuBreakdown breakdown = CpuBreakdown.between(inHold);
            window = breakdown.seconds();
            cpu = breakdown.microsPerEvent(verdict.producedPerSecond() * window);
            others = breakdown.otherThreadNames();
            long childrenAtStart = from.children().stream().mapToLong(ProcessSampler.ChildJvm::rssBytes).sum();
            totalRssAtStart = (from.rssBytes() + childrenAtStart) >> 20;
            rss.put("bench JVM", to.rssBytes() >> 20);
            totalRss += to.rssBytes() >> 20;
            for (ProcessSampler.ChildJvm c : to.children()) {
                rss.put("child JVM " + c.pid() + " (" + c.command() + ")", c.rssBytes() >> 20);
                totalRss += c.rssBytes() >> 20;
            }
        }
        Double firstAfter = firstEvent == null ? null : Duration.between(probeStart, firstEvent).toMillis() / 1000.0;
        double wall = Duration.between(probeStart, probeEnd).toMillis() / 1000.0;
        return new ProbeResult(side, number, warmupProbe, rate, verdict.sustainable(), verdict.reason(),
                verdict.producedPerSecond(), verdict.maxLagRecords(), threshold, verdict.unknownLagSeconds(),
                firstAfter, verdict.keepsUpAfterSeconds(), wall, cpu, window, rss, totalRssAtStart, totalRss, others,
                runFolder, note);
    }
}

package io.streamsim.simulator.run;

import io.streamsim.producers.ProducerStats;
import io.streamsim.simulator.instances.InstanceStatus;
import io.streamsim.streams.LagMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the run's {@link Sample}s (the load loop and the drain call it once a second) and keeps them: each goes
 * to the console and to the listeners (the live page). Rates are over the time since the previous sample.
 */
final class Sampler {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    private final Pipeline pipeline;
    private final ConsoleView console;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();
    private long previousSampleNanos;
    private long previousSent;
    private long previousProcessed;
    private long previousDue;
    private int faultsReported;
    /** Committed offsets of the last few seconds, oldest first: the per-partition rates are over this span. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Committed> recentCommitted =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final ThreadLoadScraper threadLoads = new ThreadLoadScraper();

    /** Call once the load has started: the first sample's rates are over the time since. */
    Sampler(Pipeline pipeline, ConsoleView console) {
        this.pipeline = pipeline;
        this.console = console;
        this.previousSampleNanos = pipeline.loadStartNanos;
        for (int p = 0; p < pipeline.topics.partitions(); p++) {
            int partition = p;
            io.micrometer.core.instrument.FunctionCounter.builder("streamsim.streams.partition.records.committed",
                            recentCommitted, r -> committedOf(r, partition))
                    .description("Records of one input partition the app's group committed past (its committed offset)")
                    .tag("topic", pipeline.topics.input()).tag("partition", String.valueOf(partition))
                    .register(pipeline.registry);
        }
    }

    private static double committedOf(java.util.Deque<Committed> recent, int partition) {
        Committed last = recent.peekLast();
        return last == null || partition >= last.offsets().size() ? 0 : Math.max(0, last.offsets().get(partition));
    }

    /** Every sample so far, oldest first; the list is safe to read from any thread. */
    List<Sample> samples() {
        return samples;
    }

    /** Called with every new sample, on the sampling thread. */
    void onSample(Consumer<Sample> listener) {
        listeners.add(listener);
    }

    /** Takes a sample, keeps it, and shows it on the console and to the listeners. */
    Sample record(String stage) {
        Sample s = take(stage);
        samples.add(s);
        console.line(s);
        for (Consumer<Sample> listener : listeners) {
            try {
                listener.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("A sample listener failed: {}", e.toString());
            }
        }
        return s;
    }

    /** Takes the last sample of a run that is stopping, and keeps it without showing it. */
    void recordLast(String stage) {
        samples.add(take(stage));
    }

    private Sample take(String stage) {
        long now = System.nanoTime();
        double dt = Math.max(1e-3, (now - previousSampleNanos) / 1e9);
        previousSampleNanos = now;
        double elapsed = (now - pipeline.loadStartNanos) / 1e9;
        ProducerStats stats = pipeline.generator.stats();
        pipeline.refreshStatuses();
        InstanceStatus totals = pipeline.totals();
        RunTopics topics = pipeline.topics;
        List<Long> partitionLag = List.of();
        List<Long> committed = List.of();
        long lag = -1;
        try {
            LagMonitor.Reading r = pipeline.lagMonitor.read();
            List<Long> lags = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (int p = 0; p < topics.partitions(); p++) {
                TopicPartition tp = new TopicPartition(topics.input(), p);
                lags.add(r.lag().getOrDefault(tp, 0L));
                offsets.add(r.committed().getOrDefault(tp, -1L));
            }
            partitionLag = lags;
            committed = offsets;
            lag = lags.stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("Offsets unavailable this second: {}", e.toString());
        }
        if (pipeline.stageLags != null) {
            pipeline.stageLags.sample(elapsed);
        }
        Histogram latency = pipeline.tracker.takeIntervalLatency();
        long due = stats.eventsDue();
        Sample s = new Sample(elapsed, stage, (due - previousDue) / dt,
                stats.eventsDue(), stats.recordsSent(), stats.recordsAcked(), stats.recordsFailed(),
                (stats.recordsSent() - previousSent) / dt, totals.processed(),
                (totals.processed() - previousProcessed) / dt, lag, partitionLag, committed,
                pipeline.tracker.recordsRead(), totals.droppedLateApp(), totals.deadLettered(), totals.rebalances(),
                SummaryBuilder.percentileSeconds(latency, 50), SummaryBuilder.percentileSeconds(latency, 99),
                stats.scheduleLag().toNanos() / 1e9, newFaults(), skew(committed, elapsed));
        previousSent = stats.recordsSent();
        previousProcessed = totals.processed();
        previousDue = due;
        return s;
    }

    /** Per-partition processed rates from the committed offsets, per-thread ratios from the instances' endpoints. */
    private SkewReading skew(List<Long> committed, double elapsedSeconds) {
        List<Double> rates = List.of();
        if (!committed.isEmpty()) {
            Committed oldest = recentCommitted.isEmpty() ? new Committed(0, List.of()) : recentCommitted.peekFirst();
            rates = SkewReading.ratesPerSecond(oldest.offsets(), committed,
                    Math.max(1e-3, elapsedSeconds - oldest.atSeconds()));
            recentCommitted.addLast(new Committed(elapsedSeconds, committed));
            while (recentCommitted.size() > SkewReading.RATE_SPAN_SAMPLES) {
                recentCommitted.removeFirst();
            }
        }
        var instances = pipeline.instances;
        return new SkewReading(rates, instances == null ? List.of() : threadLoads.scrape(instances.metricsPorts()));
    }

    private record Committed(double atSeconds, List<Long> offsets) {
    }

    /** Faults applied since the previous sample, described; also said on the console. */
    private String newFaults() {
        FaultRunner faults = pipeline.faults;
        List<FaultRunner.Applied> applied = faults == null ? List.of() : faults.applied();
        List<FaultRunner.Applied> fresh = applied.subList(Math.min(faultsReported, applied.size()), applied.size());
        faultsReported = applied.size();
        for (FaultRunner.Applied a : fresh) {
            console.say(String.format(Locale.ROOT, "  >> %.1fs: %s (%s)", a.atSeconds(),
                    a.fault().describe(), a.outcome()));
        }
        return fresh.stream().map(a -> a.fault().describe()).collect(Collectors.joining("; "));
    }
}

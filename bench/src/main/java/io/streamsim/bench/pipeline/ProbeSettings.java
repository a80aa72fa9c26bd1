package io.streamsim.bench.pipeline;

import io.streamsim.model.scenario.EmitMode;
import io.streamsim.model.scenario.ProcessingGuarantee;
import io.streamsim.model.scenario.TopologySpec;
import java.time.Duration;
import java.util.Locale;

/**
 * What every probe of both sides shares: the pipeline's shape and the judgement's times. The window is tumbling
 * 10s with grace 5s and the events are the default scenario's clicks (2,000 pages, Zipf 1.1, seed 42), without
 * disorder or duplicates: the baseline cannot replay those, so neither side gets them.
 *
 * @param warmup   seconds after the first event that are not judged (JIT, first rebalance, first windows)
 * @param hold     the judged seconds after the warm-up
 * @param maxLag   lag allowed during the hold, in seconds of traffic, on top of one commit interval: the lag is
 *                 committed-offset lag, which runs up to a commit interval ahead of what is processed (1s under
 *                 at_least_once, 100ms under exactly_once_v2), so at 1s: lag below 2 x rate at_least_once and
 *                 1.1 x rate exactly_once_v2
 */
record ProbeSettings(ProcessingGuarantee guarantee, EmitMode emit, int instances, int threads, int partitions,
                     Duration window, Duration grace, int keys, double zipfExponent, long seed, Duration warmup,
                     Duration hold, Duration maxLag) {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);

    ProbeSettings {
        if (instances < 1 || threads < 1 || partitions < 1) {
            throw new IllegalArgumentException("instances, threads and partitions must be at least 1");
        }
        if (warmup.isNegative() || hold.isNegative() || hold.isZero() || maxLag.isNegative()) {
            throw new IllegalArgumentException("warm-up and lag must be >= 0 and the hold > 0");
        }
    }

    Duration commitInterval() {
        return TopologySpec.defaultCommitInterval(guarantee);
    }

    /** Lag in records at or above which a hold second fails, at {@code eventsPerSecond}. */
    long lagThresholdRecords(double eventsPerSecond) {
        return (long) Math.ceil(eventsPerSecond * (maxLag.plus(commitInterval()).toNanos() / 1e9));
    }

    Duration loadDuration() {
        return warmup.plus(hold);
    }

    String describe() {
        return String.format(Locale.ROOT, "%s, emit %s, %d instance(s) x %d thread(s), %d partitions, tumbling %ds "
                        + "grace %ds; warm-up %ds, hold %ds, lag limit %s s of traffic + commit interval %d ms",
                guarantee.configValue(), emit.name().toLowerCase(Locale.ROOT), instances, threads, partitions,
                window.toSeconds(), grace.toSeconds(), warmup.toSeconds(), hold.toSeconds(),
                maxLag.toMillis() / 1000.0, commitInterval().toMillis());
    }
}

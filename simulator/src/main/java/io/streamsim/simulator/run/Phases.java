package io.streamsim.simulator.run;

import io.streamsim.model.scenario.RateTimeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per phase of the rate timeline: throughput before, during and after a step, peak lag, and how long the lag
 * took to drain after the phase ended. Phases are placed at their timeline offsets; a live rate step
 * (which plays the rest of the timeline faster) shifts them, so after one they are approximate.
 */
final class Phases {

    private static final double TOLERANCE_SECONDS_OF_TRAFFIC = 0.25;

    private Phases() {
    }

    static List<RunSummary.PhaseFigures> of(RateTimeline timeline, List<Sample> samples) {
        Map<String, double[]> spans = new LinkedHashMap<>();
        for (RateTimeline.Segment s : timeline.segments()) {
            double from = s.startNanos() / 1e9;
            double to = (s.startNanos() + s.durationNanos()) / 1e9;
            spans.merge(s.label(), new double[] {from, to}, (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        List<RunSummary.PhaseFigures> out = new ArrayList<>();
        double previousLag = Double.NaN;
        double previousRate = 0;
        for (Map.Entry<String, double[]> e : spans.entrySet()) {
            double from = e.getValue()[0];
            double to = e.getValue()[1];
            List<Sample> in = samples.stream()
                    .filter(s -> s.elapsedSeconds() > from && s.elapsedSeconds() <= to + 1e-6 && "load".equals(s.stage()))
                    .toList();
            double target = in.stream().mapToDouble(Sample::targetEventsPerSecond).average().orElse(0);
            double sent = in.stream().mapToDouble(Sample::sentPerSecond).average().orElse(0);
            double processed = in.stream().mapToDouble(Sample::processedPerSecond).average().orElse(0);
            long peak = in.stream().mapToLong(Sample::lagRecords).max().orElse(0);
            Double drained = null;
            if (!Double.isNaN(previousLag)) {
                double band = previousLag + TOLERANCE_SECONDS_OF_TRAFFIC * previousRate;
                for (Sample s : samples) {
                    if (s.elapsedSeconds() >= to && s.lagRecords() >= 0 && s.lagRecords() <= band) {
                        drained = Math.max(0, s.elapsedSeconds() - to);
                        break;
                    }
                }
            }
            out.add(new RunSummary.PhaseFigures(e.getKey(), from, to, target, sent, processed, peak, drained));
            previousLag = in.stream().filter(s -> s.lagRecords() >= 0).mapToLong(Sample::lagRecords).average().orElse(0);
            previousRate = processed;
        }
        return out;
    }
}

package io.streamsim.simulator.sweep;

import io.streamsim.simulator.answer.FigureFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The short answer a sweep opens with, built from its measured figures only: for each varied path, each key
 * figure from its first value to its last (and between which two values it moved most), then the trade-off of the
 * two trade-off figures. A change is stated only when the figures support it:
 * <ul>
 *   <li>with {@code repeat} > 1, when the runs of the first value and of the last do not overlap (the ranges of
 *       their repetitions are disjoint); otherwise "no change beyond run-to-run spread";</li>
 *   <li>with single runs there is no spread to compare with, so a change must exceed a stated tolerance:
 *       {@value #TOLERANCE_PERCENT}% of the larger of the two values, and at least 0.5 s for a time, 0.1 percentage
 *       point for a fraction. The tolerance is a choice (a guess at run-to-run noise on a shared machine), not a
 *       measurement: run with --repeat to measure the spread.</li>
 * </ul>
 * A figure that steps back against its first-to-last direction by more than that (e.g. peak lag 7,207, 2,884, 11,650)
 * is reported as having no trend rather than as a change. With several varied paths, each gets its own sentences,
 * read from the runs where the others are at their first value.
 */
public final class SweepAnswer {

    /** The single-run tolerance, percent of the larger value. */
    static final int TOLERANCE_PERCENT = 10;

    /** The figures the answer speaks of, in order, with their short names. */
    static final Map<String, String> KEY_FIGURES = keyFigures();

    private SweepAnswer() {
    }

    private static Map<String, String> keyFigures() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("droppedLateFraction", "dropped-late");
        m.put("p99Seconds", "p99");
        m.put("processedPerSecond", "processed");
        m.put("peakLagRecords", "peak lag");
        m.put("maxPartitionShare", "largest partition share");
        m.put("maxPartitionLagRecords", "largest partition lag");
        m.put("drainSeconds", "drain");
        m.put("maxLagRecoveredSeconds", "lag recovery");
        m.put("appCpuMicrosPerEvent", "app CPU per event");
        return m;
    }

    /** Figures where a lower value is the better one; the others (rates) are better higher. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("droppedLateFraction", "p50Seconds", "p99Seconds",
            "peakLagRecords", "maxPartitionShare", "maxPartitionLagRecords", "drainSeconds", "maxLagRecoveredSeconds",
            "maxProcessingResumedSeconds", "appCpuMicrosPerEvent");

    /** One figure at one value of the varied path: the mean over its repetitions and their range. */
    record Point(String value, double mean, double min, double max, int runs) {
    }

    /** How one figure changed from the first value to the last. */
    record Change(String figure, List<Point> points, boolean changed, String mostBetween, boolean againstTrend) {

        Point first() {
            return points.get(0);
        }

        Point last() {
            return points.get(points.size() - 1);
        }

        /** Whether the change (if any) went the better way. */
        boolean better() {
            boolean lower = last().mean() < first().mean();
            return LOWER_IS_BETTER.contains(figure) == lower;
        }
    }

    /** The answer's sentences, in order: those of each varied path, then what holds for the whole sweep. */
    public static List<String> sentences(SweepResult r) {
        List<String> out = new ArrayList<>();
        if (r.varies().isEmpty()) {
            return out;
        }
        int repeat = r.repeat();
        for (int i = 0; i < r.varies().size(); i++) {
            out.addAll(pathSentences(r, i, repeat));
        }
        long notCompleted = r.runs().stream().filter(row -> !"completed".equals(row.outcome())).count();
        if (notCompleted > 0) {
            out.add(notCompleted + " run(s) did not complete: their figures cover only what was measured.");
        }
        if (!r.complete()) {
            out.add("Incomplete sweep: " + r.runs().size() + " of " + r.runsPlanned() + " runs.");
        }
        out.add(repeat > 1
                ? "Each value ran " + repeat + " times; a change is stated only when the runs of the first and the"
                        + " last value do not overlap (ranges in brackets)."
                : "Single runs: a change under " + TOLERANCE_PERCENT + "% (or 0.5 s, or 0.1 percentage point) is"
                        + " called no change; that tolerance is a choice, not a measured spread (use --repeat).");
        return out;
    }

    /**
     * What the {@code index}th varied path did, from the runs where every other varied path is at its first value
     * (named in the range, so that a grid's answers say which slice they read).
     */
    private static List<String> pathSentences(SweepResult r, int index, int repeat) {
        List<String> out = new ArrayList<>();
        Vary vary = r.varies().get(index);
        List<SweepRow> rows = r.runs().stream().filter(row -> othersAtFirst(r, row, index)).toList();
        List<String> values = new ArrayList<>(new LinkedHashSet<>(vary.values()));
        values.removeIf(v -> rows.stream().noneMatch(row -> v.equals(row.values().get(vary.path()))));
        if (values.size() < 2) {
            out.add("Not enough runs for an answer on " + vary.path() + ": " + (values.isEmpty() ? "no run"
                    : "only " + values.get(0)) + " ran.");
            return out;
        }
        List<String> others = new ArrayList<>();
        for (int i = 0; i < r.varies().size(); i++) {
            if (i != index) {
                others.add(r.varies().get(i).path() + " " + r.varies().get(i).values().get(0));
            }
        }
        String range = vary.path() + " " + values.get(0) + " -> " + values.get(values.size() - 1)
                + (others.isEmpty() ? "" : " (at " + String.join(", ", others) + ")");
        List<Change> changes = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        SweepFile.TradeOff chart = SweepPage.tradeOff(r);
        if (chart != null) {
            figures.add(chart.y());
            figures.add(chart.x());
        }
        KEY_FIGURES.keySet().stream().filter(f -> !figures.contains(f)).forEach(figures::add);
        for (String f : figures) {
            Change c = change(f, values, rows, vary.path(), repeat);
            if (c != null) {
                changes.add(c);
            }
        }
        if (changes.isEmpty()) {
            out.add(range + ": no figure was measured at both ends.");
            return out;
        }
        List<String> parts = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> noTrend = new ArrayList<>();
        for (Change c : changes) {
            if (c.againstTrend()) {
                noTrend.add(name(c.figure()) + " " + c.points().stream().map(p -> format(c.figure(), p, repeat))
                        .reduce((a, b) -> a + ", " + b).orElse(""));
            } else if (c.changed()) {
                parts.add(name(c.figure()) + " " + describe(c, repeat)
                        + (c.mostBetween() != null ? " (most between " + c.mostBetween() + ")" : ""));
            } else {
                unchanged.add(name(c.figure()) + " " + describe(c, repeat));
            }
        }
        out.add(range + ": " + (parts.isEmpty() ? "no figure changed" : String.join("; ", parts)) + ".");
        if (!noTrend.isEmpty()) {
            out.add("Up and down, no trend (a step back beyond the " + (repeat > 1 ? "spread" : "tolerance")
                    + "): " + String.join("; ", noTrend) + ".");
        }
        if (!unchanged.isEmpty()) {
            out.add("No change beyond " + (repeat > 1 ? "run-to-run spread" : "the tolerance") + ": "
                    + String.join("; ", unchanged) + ".");
        }
        String tradeOff = tradeOff(chart, changes, range, repeat);
        if (tradeOff != null) {
            out.add(tradeOff);
        }
        return out;
    }

    private static boolean othersAtFirst(SweepResult r, SweepRow row, int index) {
        for (int i = 0; i < r.varies().size(); i++) {
            Vary v = r.varies().get(i);
            if (i != index && !v.values().get(0).equals(row.values().get(v.path()))) {
                return false;
            }
        }
        return true;
    }

    static Change change(String figure, List<String> values, List<SweepRow> rows, String path, int repeat) {
        List<Point> points = new ArrayList<>();
        for (String v : values) {
            List<Double> xs = new ArrayList<>();
            for (SweepRow row : rows) {
                if (v.equals(row.values().get(path)) && row.figure(figure) instanceof Number n
                        && Double.isFinite(n.doubleValue())) {
                    xs.add(n.doubleValue());
                }
            }
            if (!xs.isEmpty()) {
                points.add(new Point(v, xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                        xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), xs.size()));
            }
        }
        if (points.size() < 2 || !points.get(0).value().equals(values.get(0))
                || !points.get(points.size() - 1).value().equals(values.get(values.size() - 1))) {
            return null;
        }
        Point first = points.get(0);
        Point last = points.get(points.size() - 1);
        boolean changed = beyond(figure, first, last, repeat);
        boolean against = false;
        if (changed) {
            // A step back against the first-to-last direction, beyond the spread or tolerance, means no trend.
            boolean up = last.mean() > first.mean();
            for (int i = 1; i < points.size(); i++) {
                Point a = points.get(i - 1);
                Point b = points.get(i);
                if ((b.mean() > a.mean()) != up && beyond(figure, a, b, repeat)) {
                    against = true;
                }
            }
            changed = !against;
        }
        String most = null;
        if (changed && points.size() > 2) {
            double best = -1;
            for (int i = 1; i < points.size(); i++) {
                double d = Math.abs(points.get(i).mean() - points.get(i - 1).mean());
                if (d > best) {
                    best = d;
                    most = points.get(i - 1).value() + " and " + points.get(i).value();
                }
            }
        }
        return new Change(figure, points, changed, most, against);
    }

    /** Whether {@code a} and {@code b} differ beyond the spread (repeat > 1) or the tolerance (single runs). */
    static boolean beyond(String figure, Point a, Point b, int repeat) {
        double diff = Math.abs(b.mean() - a.mean());
        if (repeat > 1 && a.runs() > 1 && b.runs() > 1) {
            return a.max() < b.min() || b.max() < a.min();
        }
        double floor = figure.endsWith("Seconds") ? 0.5 : FigureFormat.isFraction(figure) ? 0.001 : 0;
        return diff > floor && diff > TOLERANCE_PERCENT / 100.0 * Math.max(Math.abs(a.mean()), Math.abs(b.mean()));
    }

    /** The trade-off sentence of the chart's two figures, the same two as sweep.html's trade-off chart. */
    private static String tradeOff(SweepFile.TradeOff chart, List<Change> changes, String range, int repeat) {
        if (chart == null) {
            return null;
        }
        Change y = changes.stream().filter(c -> c.figure().equals(chart.y())).findFirst().orElse(null);
        Change x = changes.stream().filter(c -> c.figure().equals(chart.x())).findFirst().orElse(null);
        if (x == null || y == null) {
            return "Trade-off " + name(chart.y()) + " against " + name(chart.x())
                    + ": not measured at both ends.";
        }
        String ys = name(y.figure()) + " " + describe(y, repeat);
        String xs = name(x.figure()) + " " + describe(x, repeat);
        if (y.changed() && x.changed()) {
            if (y.better() != x.better()) {
                Change gain = y.better() ? y : x;
                Change cost = y.better() ? x : y;
                return "Trade-off: " + range + ": " + name(gain.figure()) + " " + describe(gain, repeat) + " for "
                        + name(cost.figure()) + " " + describe(cost, repeat) + ".";
            }
            return "No trade-off: " + range + " made both " + (y.better() ? "better" : "worse") + ": " + ys + ", "
                    + xs + ".";
        }
        if (y.changed() || x.changed()) {
            Change moved = y.changed() ? y : x;
            Change still = y.changed() ? x : y;
            return "No trade-off measured: " + range + " moved " + name(moved.figure()) + " ("
                    + (moved.better() ? "better" : "worse") + ") and left " + name(still.figure())
                    + (still.againstTrend() ? " without a trend" : " within " + (repeat > 1 ? "run-to-run spread"
                    : "the tolerance")) + ".";
        }
        if (x.againstTrend() || y.againstTrend()) {
            return "No trade-off measured: " + name(y.figure()) + " and " + name(x.figure())
                    + " did not both move one way.";
        }
        return "No trade-off measured: neither " + name(y.figure()) + " nor " + name(x.figure()) + " changed beyond "
                + (repeat > 1 ? "run-to-run spread" : "the tolerance") + ".";
    }

    private static String name(String figure) {
        return Objects.requireNonNullElse(KEY_FIGURES.get(figure), figure);
    }

    private static String describe(Change c, int repeat) {
        return format(c.figure(), c.first(), repeat) + " -> " + format(c.figure(), c.last(), repeat);
    }

    private static String format(String figure, Point p, int repeat) {
        String mean = format(figure, p.mean());
        if (repeat > 1 && p.runs() > 1) {
            return mean + " [" + format(figure, p.min()) + ".." + format(figure, p.max()) + "]";
        }
        return mean;
    }

    /** A figure's value as the answer prints it: 3.6%, 9.8 s, 12,345/s, 41.5 µs, 12,345. */
    static String format(String figure, double v) {
        if (FigureFormat.isFraction(figure)) {
            double pct = v * 100;
            if (pct > 0 && pct < 0.005) {
                return "<0.01%";
            }
            return (pct == 0 ? "0" : pct >= 10 ? String.format(Locale.ROOT, "%.0f", pct)
                    : pct >= 1 ? String.format(Locale.ROOT, "%.1f", pct) : String.format(Locale.ROOT, "%.2f", pct))
                    + "%";
        }
        if (figure.endsWith("Seconds")) {
            return String.format(Locale.ROOT, v >= 100 ? "%.0f s" : "%.1f s", v);
        }
        if (figure.endsWith("MicrosPerEvent")) {
            return String.format(Locale.ROOT, v >= 100 ? "%.0f µs" : "%.1f µs", v);
        }
        String n = String.format(Locale.ROOT, "%,d", Math.round(v));
        return figure.endsWith("PerSecond") ? n + "/s" : n;
    }
}

package io.streamsim.model.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rate timeline as contiguous linear segments, with its two inverse questions answered exactly:
 * how many events are due by time t ({@link #eventsDueBy}), and at what time event number i is due
 * ({@link #dueOffsetNanos}). Pacing is driven by the latter, so a producer that falls behind still knows
 * when each event should have gone out.
 */
public final class RateTimeline {

    /**
     * A stretch of time over which the rate changes linearly from {@code startRate} to {@code endRate}
     * events per second. {@code eventsBefore} is the exact (fractional) number of events due before it.
     */
    public record Segment(long startNanos, long durationNanos, double startRate, double endRate, double eventsBefore,
                          String label) {

        double eventsWithin(long offsetNanos) {
            double t = offsetNanos / 1e9;
            double span = durationNanos / 1e9;
            return startRate * t + (endRate - startRate) * t * t / (2 * span);
        }

        double rateAt(long offsetNanos) {
            return startRate + (endRate - startRate) * offsetNanos / (double) durationNanos;
        }

        double events() {
            return eventsWithin(durationNanos);
        }
    }

    private final List<Segment> segments;
    private final long totalEvents;

    private RateTimeline(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        Segment last = segments.get(segments.size() - 1);
        this.totalEvents = (long) Math.floor(last.eventsBefore() + last.events() + 1e-6);
    }

    public static RateTimeline of(List<RatePhase> phases) {
        List<Segment> segments = new ArrayList<>();
        long start = 0;
        double previousRate = Double.NaN;
        double events = 0;
        int index = 0;
        for (RatePhase phase : phases) {
            long nanos = phase.duration().toNanos();
            String label = "rate[" + index++ + "]";
            if (phase instanceof RatePhase.Constant c) {
                    segments.add(new Segment(start, nanos, c.eventsPerSecond(), c.eventsPerSecond(), events, label));
                previousRate = c.eventsPerSecond();
            } else if (phase instanceof RatePhase.Ramp r) {
                    double from = r.fromEventsPerSecond() != null ? r.fromEventsPerSecond() : previousRate;
                    segments.add(new Segment(start, nanos, from, r.toEventsPerSecond(), events, label));
                previousRate = r.toEventsPerSecond();
            } else if (phase instanceof RatePhase.Step s) {
                    double rate = previousRate * s.factor();
                    segments.add(new Segment(start, nanos, rate, rate, events, label));
                previousRate = rate;
            } else if (phase instanceof RatePhase.Spike s) {
                    long peak = s.lasting().toNanos();
                    Segment burst = new Segment(start, peak, s.peakEventsPerSecond(), s.peakEventsPerSecond(), events,
                            label);
                    segments.add(burst);
                    if (nanos > peak) {
                        segments.add(new Segment(start + peak, nanos - peak, previousRate, previousRate,
                                events + burst.events(), label));
                    }
            }
            if (Double.isNaN(previousRate)) {
                throw new IllegalArgumentException(label + ": no previous rate to start from");
            }
            Segment last = segments.get(segments.size() - 1);
            events = last.eventsBefore() + last.events();
            start += nanos;
        }
        return new RateTimeline(segments);
    }

    public List<Segment> segments() {
        return segments;
    }

    public Duration duration() {
        Segment last = segments.get(segments.size() - 1);
        return Duration.ofNanos(last.startNanos() + last.durationNanos());
    }

    /** Events in the whole timeline: event indices run from 0 to {@code totalEvents() - 1}. */
    public long totalEvents() {
        return totalEvents;
    }

    /** The target rate in events per second at {@code offset} from the start (0 past the end). */
    public double rateAt(Duration offset) {
        long nanos = offset.toNanos();
        for (Segment s : segments) {
            if (nanos < s.startNanos() + s.durationNanos()) {
                return s.rateAt(Math.max(0, nanos - s.startNanos()));
            }
        }
        return 0;
    }

    /** Events due strictly before {@code offset}: event i is due by t when {@code dueOffsetNanos(i) < t}. */
    public long eventsDueBy(Duration offset) {
        long nanos = offset.toNanos();
        if (nanos <= 0) {
            return 0;
        }
        long estimate = totalEvents;
        for (Segment s : segments) {
            if (nanos <= s.startNanos() + s.durationNanos()) {
                double due = s.eventsBefore() + s.eventsWithin(nanos - s.startNanos());
                estimate = Math.min(totalEvents, (long) Math.ceil(due - 1e-9));
                break;
            }
        }
        // Rounding can put the estimate one off where a due time falls within a nanosecond of nanos: settle
        // it against dueOffsetNanos itself, so that the two answers are exact inverses.
        long n = Math.max(0, estimate);
        while (n < totalEvents && dueOffsetNanos(n) < nanos) {
            n++;
        }
        while (n > 0 && dueOffsetNanos(n - 1) >= nanos) {
            n--;
        }
        return n;
    }

    /**
     * When event {@code index} is due, in nanoseconds from the start: the time at which the cumulative
     * number of due events reaches {@code index} (event 0 at 0, event 1 at 1/rate under a constant rate).
     */
    public long dueOffsetNanos(long index) {
        if (index < 0 || index >= totalEvents) {
            throw new IndexOutOfBoundsException("event " + index + " of " + totalEvents);
        }
        Segment s = segmentFor(index);
        double k = index - s.eventsBefore();
        double span = s.durationNanos() / 1e9;
        double a = (s.endRate() - s.startRate()) / (2 * span);
        double b = s.startRate();
        double tNanos;
        if (Math.abs(a) < 1e-12) {
            // k * 1e9 / b rather than (k / b) * 1e9: exact for whole rates, so event i of 100/s is due at i * 10ms.
            tNanos = k * 1e9 / b;
        } else {
            // a t^2 + b t - k = 0, the root in [0, span]; written to avoid cancellation when a is small.
            double disc = Math.max(0, b * b + 4 * a * k);
            tNanos = 2 * k * 1e9 / (b + Math.sqrt(disc));
        }
        long offset = (long) Math.floor(tNanos);
        return s.startNanos() + Math.min(Math.max(0, offset), s.durationNanos() - 1);
    }

    private Segment segmentFor(long index) {
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segments.get(mid).eventsBefore() <= index + 1e-9) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return segments.get(lo);
    }
}

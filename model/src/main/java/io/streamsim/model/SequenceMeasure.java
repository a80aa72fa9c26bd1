package io.streamsim.model;

/**
 * What one window knows about the order of views and purchases among its records: enough to answer "viewed at
 * least twice before buying" without keeping the records. Every field is a count or a minimum, so the measure
 * does not depend on the order records arrive in (they arrive out of event-time order) and two windows' measures
 * {@link #merge} into the measure of their union (sessions merge). A duplicate event counts again, as in the
 * window's count. Times are the records' timestamps (event time) in epoch millis, {@link #NO_TIME} for none.
 *
 * <p>Views at 1s and 5s and a purchase at 7s: {@code firstViewMs} 1000, {@code secondViewMs} 5000,
 * {@code firstPurchaseMs} 7000, so {@link #viewedTwiceBeforePurchase()}. A view at exactly the purchase's time is
 * not before it.
 *
 * @param views           view records in the window
 * @param purchases       purchase records in the window
 * @param firstViewMs     the earliest view's time
 * @param secondViewMs    the second earliest view's time (equal to the first when two views share a time)
 * @param firstPurchaseMs the earliest purchase's time
 */
public record SequenceMeasure(long views, long purchases, long firstViewMs, long secondViewMs, long firstPurchaseMs) {

    /** A time that is none: later than every real one, so that minimums need no special case. */
    public static final long NO_TIME = Long.MAX_VALUE;

    /** The measure of a window without views or purchases (every order window). */
    public static final SequenceMeasure NONE = new SequenceMeasure(0, 0, NO_TIME, NO_TIME, NO_TIME);

    /** {@link #kindOf} of a record that is neither a view nor a purchase. */
    public static final byte OTHER = 0;
    public static final byte VIEW = 1;
    public static final byte PURCHASE = 2;

    public SequenceMeasure {
        if (views < 0 || purchases < 0) {
            throw new IllegalArgumentException("views and purchases must be >= 0, were " + views + ", " + purchases);
        }
        if (secondViewMs < firstViewMs) {
            throw new IllegalArgumentException("secondViewMs " + secondViewMs + " before firstViewMs " + firstViewMs);
        }
    }

    /** {@link #VIEW} for a clickstream {@code view}, {@link #PURCHASE} for a {@code purchase}, else {@link #OTHER}. */
    public static byte kindOf(Event event) {
        if (event instanceof ClickEvent click) {
            return switch (click.action()) {
                case "view" -> VIEW;
                case "purchase" -> PURCHASE;
                default -> OTHER;
            };
        }
        return OTHER;
    }

    /** This measure with one more record of {@code kind} at {@code timeMs}; itself for {@link #OTHER}. */
    public SequenceMeasure add(byte kind, long timeMs) {
        if (kind == VIEW) {
            if (timeMs < firstViewMs) {
                return new SequenceMeasure(views + 1, purchases, timeMs, firstViewMs, firstPurchaseMs);
            }
            return new SequenceMeasure(views + 1, purchases, firstViewMs, Math.min(secondViewMs, timeMs),
                    firstPurchaseMs);
        }
        if (kind == PURCHASE) {
            return new SequenceMeasure(views, purchases + 1, firstViewMs, secondViewMs,
                    Math.min(firstPurchaseMs, timeMs));
        }
        return this;
    }

    /** The measure of both windows' records together. */
    public SequenceMeasure merge(SequenceMeasure other) {
        if (other.views + other.purchases == 0) {
            return this;
        }
        if (views + purchases == 0) {
            return other;
        }
        long first = Math.min(firstViewMs, other.firstViewMs);
        long second = Math.min(Math.max(firstViewMs, other.firstViewMs), Math.min(secondViewMs, other.secondViewMs));
        return new SequenceMeasure(views + other.views, purchases + other.purchases, first, second,
                Math.min(firstPurchaseMs, other.firstPurchaseMs));
    }

    /** Two views, then a purchase: the second earliest view is strictly before the earliest purchase. */
    public boolean viewedTwiceBeforePurchase() {
        return secondViewMs != NO_TIME && firstPurchaseMs != NO_TIME && secondViewMs < firstPurchaseMs;
    }
}

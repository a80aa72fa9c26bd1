package io.streamsim.simulator.answer;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a quoted figure reads. A fraction is decided by its name, since the summary's types do not tell a fraction
 * from a rate: a figure whose last name ends in {@code Fraction}, {@code Share}, {@code Ratio} or {@code Busy}
 * ({@code droppedLateFraction}, {@code maxPartitionShare}, {@code meanProcessRatio}, {@code busiestThreadMeanBusy})
 * is a part of one and reads as a percent. Whole numbers get thousands separators ({@code 120,000}); other numbers
 * keep three significant digits below 100 ({@code 10.98}, {@code 0.00097}) and none after the point from 100 up
 * ({@code 39,876}).
 */
public final class FigureFormat {

    /** What a figure null (or NaN) in this run reads as; bracketed, since a unit may follow ({@code [not measured]s}). */
    public static final String NOT_MEASURED = "[not measured]";

    private static final Pattern FRACTION = Pattern.compile(".*(Fraction|Share|Ratio|Busy)$");

    private FigureFormat() {
    }

    /** Whether the figure at {@code path} is a fraction of one, by its last name. */
    public static boolean isFraction(String path) {
        return FRACTION.matcher(path.substring(path.lastIndexOf('.') + 1)).matches();
    }

    /** {@code value} (null: not measured) of the figure at {@code path}. */
    public static String format(String path, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NOT_MEASURED;
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "yes" : "no";
        }
        if (value.isNumber()) {
            double v = value.asDouble();
            if (Double.isNaN(v)) {
                return NOT_MEASURED;
            }
            return isFraction(path) ? percent(v) : number(v);
        }
        if (value.isTextual() && value.asText().equals("NaN")) {
            return NOT_MEASURED;
        }
        return value.asText();
    }

    /** {@code 0.5936} as {@code 59.4%}, {@code 0.00123} as {@code 0.123%}. */
    static String percent(double fraction) {
        return significant(100 * fraction) + "%";
    }

    static String number(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (Math.abs(v) >= 100 || v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        return significant(v);
    }

    private static String significant(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}

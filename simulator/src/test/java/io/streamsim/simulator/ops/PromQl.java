package io.streamsim.simulator.ops;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to find which metric names a dashboard query selects, and to turn a Grafana query
 * into one Prometheus accepts.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2",
            // aggregation operators, written before their grouping: sum by (x) (...)
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");

    private PromQl() {
    }

    /** The metric names a query selects, e.g. {@code sum(rate(a_total[1m])) / b} gives a_total, b. */
    static Set<String> metricNames(String query) {
        String q = STRING.matcher(query).replaceAll("\"\"");
        q = MATCHERS.matcher(q).replaceAll("");
        q = RANGE.matcher(q).replaceAll("");
        q = LABEL_LIST.matcher(q).replaceAll("$1");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(q);
        while (m.find()) {
            String id = m.group(1);
            boolean isFunctionCall = m.group(2) != null;
            if (!isFunctionCall && !KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
                names.add(id);
            }
        }
        return names;
    }

    /** Replaces Grafana's interval variables by a fixed range, as Grafana does before sending a query. */
    static String withGrafanaVariables(String query, String range) {
        return query.replace("$__rate_interval", range).replace("${__rate_interval}", range)
                .replace("$__interval", range).replace("${__interval}", range)
                .replace("$__range", range);
    }
}

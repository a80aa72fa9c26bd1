package io.streamsim.simulator.ui;

import io.streamsim.model.scenario.Scenario;
import io.streamsim.simulator.report.HtmlReportPage;
import java.util.List;

/**
 * The live page's HTML: the report's chart code and styles, inline, fed by {@code /events}; its buttons post
 * same-origin form bodies (see {@link LiveServer} for what the controls check).
 */
final class LivePage {

    private LivePage() {
    }

    static String html(Scenario scenario) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append(HtmlReportPage.head("streamsim live: " + scenario.name()));
        b.append("<body>\n<header>\n<h1>").append(HtmlReportPage.escape(scenario.name()))
                .append(" <span class=\"badge none\">live</span></h1>\n");
        if (scenario.prompt() != null && !scenario.prompt().isBlank()) {
            b.append("<p class=\"prompt\">").append(HtmlReportPage.escape(scenario.prompt())).append("</p>\n");
        }
        b.append("</header>\n<p class=\"figures\">")
                .append("at <span class=\"value\" id=\"current-elapsed\">–</span> s (")
                .append("<span class=\"value\" id=\"current-stage\">–</span>) · target ")
                .append("<span class=\"value\" id=\"current-target\">–</span>/s · sent ")
                .append("<span class=\"value\" id=\"current-sent\">–</span>/s · processed ")
                .append("<span class=\"value\" id=\"current-processed\">–</span>/s · lag ")
                .append("<span class=\"value\" id=\"current-lag\">–</span> · p99 ")
                .append("<span class=\"value\" id=\"current-p99\">–</span> s · dropped late ")
                .append("<span class=\"value\" id=\"current-dropped\">–</span></p>\n")
                .append("<div class=\"controls\">\n")
                .append(button("rate-up", "control/rate", "factor=10", "Rate ×10"))
                .append(button("rate-down", "control/rate", "factor=0.1", "Rate ÷10"))
                .append(button("scale-out", "control/scale-out", "", "Add instance"))
                .append(button("scale-in", "control/scale-in", "", "Remove instance"))
                .append(button("kill", "control/kill", "", "Kill one"))
                .append(button("poison", "control/poison", "records=100", "Poison burst (100)"))
                .append("</div>\n<p id=\"status\" class=\"status\"></p>\n")
                .append(HtmlReportPage.chartContainers())
                .append(HtmlReportPage.scripts(HtmlReportPage.chartData(scenario, List.of(), List.of(), null),
                        "live.js"))
                .append("</body>\n</html>\n");
        return b.toString();
    }

    /** A control button: live.js posts {@code form} (form-encoded, maybe empty) to {@code action}. */
    private static String button(String id, String action, String form, String label) {
        return "<button type=\"button\" id=\"" + id + "\" data-action=\"" + HtmlReportPage.escape(action)
                + "\" data-form=\"" + HtmlReportPage.escape(form) + "\">" + HtmlReportPage.escape(label)
                + "</button>\n";
    }
}

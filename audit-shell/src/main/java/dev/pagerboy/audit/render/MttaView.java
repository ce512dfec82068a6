package dev.pagerboy.audit.render;

import dev.pagerboy.audit.report.MttaDimension;
import dev.pagerboy.audit.report.MttaGroup;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws {@code report mtta}: one bar per group, its length the median time to acknowledge, then the
 * figures (incidents, acknowledged, mean, p50/p90/p99, share acknowledged before escalation).
 */
public final class MttaView {

    private MttaView() {}

    public static AttributedString render(MttaDimension by, List<MttaGroup> groups) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.style(AttributedStyle.BOLD)
                .append("Time to acknowledge by " + by.text() + " (bar: p50)\n");
        out.style(AttributedStyle.DEFAULT);
        if (groups.isEmpty()) {
            return out.append("(no incidents)\n").toAttributedString();
        }
        long max = groups.stream().mapToLong(MttaGroup::p50Millis).max().orElse(0);
        int labelWidth = groups.stream().mapToInt(g -> g.label().length()).max().orElse(0);
        for (MttaGroup g : groups) {
            String bar = BarChart.bar(g.p50Millis(), max);
            out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s ", g.label()));
            out.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW)).append(bar);
            out.style(AttributedStyle.DEFAULT)
                    .append(" ".repeat(BarChart.WIDTH - bar.length() + 1))
                    .append("p50 " + IncidentViews.duration(g.p50Millis()) + "\n");
        }
        TextTable table =
                new TextTable(
                        List.of(
                                by.text(),
                                "incidents",
                                "acked",
                                "mean",
                                "p50",
                                "p90",
                                "p99",
                                "acked before escalation"));
        for (MttaGroup g : groups) {
            table.row(cells(g));
        }
        out.append(table.render());
        return out.toAttributedString();
    }

    /** One group's figures as the table shows them (also the HTML page's table). */
    static List<Object> cells(MttaGroup g) {
        return List.of(
                g.label(),
                g.incidents(),
                g.acknowledged(),
                IncidentViews.duration(g.meanMillis()),
                IncidentViews.duration(g.p50Millis()),
                IncidentViews.duration(g.p90Millis()),
                IncidentViews.duration(g.p99Millis()),
                String.format(
                        Locale.ROOT,
                        "%d of %d (%.0f%%)",
                        g.beforeEscalation(),
                        g.incidents(),
                        100 * g.shareBeforeEscalation()));
    }
}

package dev.pagerboy.audit.render;

import dev.pagerboy.audit.report.VolumeBar;
import java.util.List;
import java.util.Locale;

/**
 * The same chart as {@link BarChart} as a standalone HTML page with an inline SVG, so a report can
 * be mailed or attached to a ticket without a charting library or network access.
 */
public final class SvgBarChart {

    private static final int BAR_HEIGHT = 18;
    private static final int GAP = 4;
    private static final int LABEL_WIDTH = 260;
    private static final int BAR_WIDTH = 480;

    private SvgBarChart() {}

    public static String html(String title, List<VolumeBar> bars) {
        long max = bars.stream().mapToLong(VolumeBar::value).max().orElse(0);
        int height = Math.max(1, bars.size()) * (BAR_HEIGHT + GAP) + GAP;
        int width = LABEL_WIDTH + BAR_WIDTH + 200;
        StringBuilder svg = new StringBuilder();
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " font-family=\"monospace\" font-size=\"12\">\n",
                        width,
                        height));
        int y = GAP;
        for (VolumeBar bar : bars) {
            double w = max == 0 ? 0 : (double) bar.value() * BAR_WIDTH / max;
            String numbers =
                    bar.alerts() >= 0
                            ? bar.alerts() + " alerts, " + bar.pages() + " pages"
                            : bar.pages() + " pages";
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "  <g><title>%s: %s</title>"
                                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                                    + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                                    + " fill=\"#2e8b57\"/>"
                                    + "<text x=\"%.1f\" y=\"%d\">%s</text></g>\n",
                            escape(bar.label()),
                            numbers,
                            LABEL_WIDTH - 8,
                            y + BAR_HEIGHT - 5,
                            escape(bar.label()),
                            LABEL_WIDTH,
                            y,
                            w,
                            BAR_HEIGHT,
                            LABEL_WIDTH + w + 6,
                            y + BAR_HEIGHT - 5,
                            numbers));
            y += BAR_HEIGHT + GAP;
        }
        svg.append("</svg>\n");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                + escape(title)
                + "</title></head>\n<body>\n<h1>"
                + escape(title)
                + "</h1>\n"
                + svg
                + "</body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

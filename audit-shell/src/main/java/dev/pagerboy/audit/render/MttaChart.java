package dev.pagerboy.audit.render;

import dev.pagerboy.audit.report.MttaDimension;
import dev.pagerboy.audit.report.MttaGroup;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * {@code report mtta} as a file: an HTML page (an inline SVG chart and the table of figures) or a
 * PNG image of the chart, for a report mailed or attached to a ticket. Drawn by hand, SVG text and
 * Java2D, so the shell needs no charting library and the HTML no network access. Each group has a
 * bar to its p90 (light) with its p50 (dark) over it, both on one scale: the largest p90.
 */
public final class MttaChart {

    /** Layout of both pictures, in pixels; the PNG test reads bars at these places. */
    static final int TITLE_HEIGHT = 36;

    static final int ROW_HEIGHT = 26;
    static final int BAR_HEIGHT = 18;
    static final int LABEL_WIDTH = 200;
    static final int BAR_WIDTH = 480;
    static final int TEXT_WIDTH = 220;

    static final Color P50 = new Color(0x2e, 0x8b, 0x57);
    static final Color P90 = new Color(0xb4, 0xdc, 0xc3);

    private MttaChart() {}

    static String title(MttaDimension by) {
        return "Time to acknowledge by " + by.text() + " (bars: p50 dark, p90 light)";
    }

    /** Where row {@code i}'s bars start, from the top. */
    static int barTop(int i) {
        return TITLE_HEIGHT + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    }

    /** Length in pixels of a bar for {@code millis} on the scale of {@code max}. */
    static int length(long millis, long max) {
        return millis <= 0 || max <= 0 ? 0 : (int) Math.round((double) millis * BAR_WIDTH / max);
    }

    private static long scale(List<MttaGroup> groups) {
        return groups.stream().mapToLong(MttaGroup::p90Millis).max().orElse(0);
    }

    private static String figures(MttaGroup g) {
        return g.acknowledged() == 0
                ? "none acknowledged"
                : "p50 "
                        + IncidentViews.duration(g.p50Millis())
                        + ", p90 "
                        + IncidentViews.duration(g.p90Millis());
    }

    /** The chart and the figures' table as a standalone HTML page. */
    public static String html(MttaDimension by, List<MttaGroup> groups) {
        long max = scale(groups);
        int width = LABEL_WIDTH + BAR_WIDTH + TEXT_WIDTH;
        int height = TITLE_HEIGHT + Math.max(1, groups.size()) * ROW_HEIGHT;
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title(by)))
                .append("</title>\n<style>table{border-collapse:collapse;font-family:monospace}")
                .append("td,th{padding:2px 10px;text-align:right}td:first-child,th:first-child")
                .append("{text-align:left}</style></head>\n<body>\n<h1>")
                .append(escape(title(by)))
                .append("</h1>\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " font-family=\"monospace\" font-size=\"12\">\n",
                        width,
                        height));
        for (int i = 0; i < groups.size(); i++) {
            MttaGroup g = groups.get(i);
            int y = barTop(i);
            int text = y + BAR_HEIGHT - 5;
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  <g><title>%s: %s</title>"
                                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                                    + "<rect class=\"p90\" x=\"%d\" y=\"%d\" width=\"%d\""
                                    + " height=\"%d\" fill=\"%s\"/>"
                                    + "<rect class=\"p50\" x=\"%d\" y=\"%d\" width=\"%d\""
                                    + " height=\"%d\" fill=\"%s\"/>"
                                    + "<text x=\"%d\" y=\"%d\">%s</text></g>\n",
                            escape(g.label()),
                            figures(g),
                            LABEL_WIDTH - 8,
                            text,
                            escape(g.label()),
                            LABEL_WIDTH,
                            y,
                            length(g.p90Millis(), max),
                            BAR_HEIGHT,
                            hex(P90),
                            LABEL_WIDTH,
                            y,
                            length(g.p50Millis(), max),
                            BAR_HEIGHT,
                            hex(P50),
                            LABEL_WIDTH + BAR_WIDTH + 8,
                            text,
                            figures(g)));
        }
        out.append("</svg>\n<table>\n<tr>");
        for (String h :
                List.of(
                        by.text(),
                        "incidents",
                        "acked",
                        "mean",
                        "p50",
                        "p90",
                        "p99",
                        "acked before escalation")) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr>\n");
        for (MttaGroup g : groups) {
            out.append("<tr>");
            for (Object cell : MttaView.cells(g)) {
                out.append("<td>").append(escape(String.valueOf(cell))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table>\n</body></html>\n").toString();
    }

    /** The chart as an image (white background), for {@code ImageIO.write(image, "png", file)}. */
    public static BufferedImage png(MttaDimension by, List<MttaGroup> groups) {
        long max = scale(groups);
        int width = LABEL_WIDTH + BAR_WIDTH + TEXT_WIDTH;
        int height = TITLE_HEIGHT + Math.max(1, groups.size()) * ROW_HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title(by), 8, 22);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
            for (int i = 0; i < groups.size(); i++) {
                MttaGroup group = groups.get(i);
                int y = barTop(i);
                int text = y + BAR_HEIGHT - 5;
                g.setColor(P90);
                g.fillRect(LABEL_WIDTH, y, length(group.p90Millis(), max), BAR_HEIGHT);
                g.setColor(P50);
                g.fillRect(LABEL_WIDTH, y, length(group.p50Millis(), max), BAR_HEIGHT);
                g.setColor(Color.BLACK);
                String label = group.label();
                int labelWidth = g.getFontMetrics().stringWidth(label);
                g.drawString(label, Math.max(0, LABEL_WIDTH - 8 - labelWidth), text);
                g.drawString(figures(group), LABEL_WIDTH + BAR_WIDTH + 8, text);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

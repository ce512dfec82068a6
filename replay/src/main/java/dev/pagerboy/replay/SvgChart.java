package dev.pagerboy.replay;

import java.util.List;

/**
 * Small inline SVG charts for the HTML report, generated from the numbers (no charting library, no
 * pixels): a two-series line chart and a two-series bar chart, "before" (archived) and "after"
 * (replayed).
 */
final class SvgChart {

    static final String BEFORE = "#8a8f98";
    static final String AFTER = "#d9480f";
    private static final int W = 720;
    private static final int H = 240;
    private static final int PAD = 40;

    private SvgChart() {}

    /** Volume over time: one point per bucket for each series. */
    static String lines(
            String title, List<String> labels, List<Integer> before, List<Integer> after) {
        int max = Math.max(1, Math.max(max(before), max(after)));
        StringBuilder svg = open(title);
        axes(svg, max);
        int n = labels.size();
        svg.append(polyline(before, n, max, BEFORE));
        svg.append(polyline(after, n, max, AFTER));
        if (n > 0) {
            svg.append(text(PAD, H - 8, esc(labels.get(0)), "start"));
            svg.append(text(W - PAD, H - 8, esc(labels.get(n - 1)), "end"));
        }
        legend(svg);
        return svg.append("</svg>").toString();
    }

    /** Pages per receiver: a pair of bars per name. */
    static String bars(
            String title, List<String> names, List<Integer> before, List<Integer> after) {
        int max = Math.max(1, Math.max(max(before), max(after)));
        StringBuilder svg = open(title);
        axes(svg, max);
        int n = Math.max(1, names.size());
        double slot = (W - 2.0 * PAD) / n;
        double bar = Math.max(2, slot * 0.35);
        for (int i = 0; i < names.size(); i++) {
            double x = PAD + i * slot + slot * 0.15;
            svg.append(rect(x, before.get(i), max, bar, BEFORE));
            svg.append(rect(x + bar, after.get(i), max, bar, AFTER));
            svg.append(text(x + bar, H - 8, esc(names.get(i)), "middle"));
        }
        legend(svg);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(W)
                .append("\" height=\"")
                .append(H)
                .append("\" viewBox=\"0 0 ")
                .append(W)
                .append(' ')
                .append(H)
                .append("\" role=\"img\"><title>")
                .append(esc(title))
                .append("</title>");
        return svg;
    }

    private static void axes(StringBuilder svg, int max) {
        svg.append(
                String.format(
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                        PAD, H - PAD, W - PAD, H - PAD));
        svg.append(
                String.format(
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                        PAD, PAD / 2, PAD, H - PAD));
        svg.append(text(PAD - 4, PAD / 2 + 4, Integer.toString(max), "end"));
        svg.append(text(PAD - 4, H - PAD, "0", "end"));
    }

    private static void legend(StringBuilder svg) {
        svg.append(
                String.format(
                        "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                        W - 200, BEFORE));
        svg.append(text(W - 186, 13, "archived", "start"));
        svg.append(
                String.format(
                        "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                        W - 110, AFTER));
        svg.append(text(W - 96, 13, "replayed", "start"));
    }

    private static String polyline(List<Integer> values, int n, int max, String color) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double x = n <= 1 ? PAD : PAD + i * (W - 2.0 * PAD) / (n - 1);
            points.append(String.format("%.1f,%.1f ", x, y(values.get(i), max)));
        }
        return "<polyline fill=\"none\" stroke=\""
                + color
                + "\" stroke-width=\"2\" points=\""
                + points.toString().strip()
                + "\"/>";
    }

    private static String rect(double x, int value, int max, double width, String color) {
        double top = y(value, max);
        return String.format(
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%d</title></rect>",
                x, top, width, (H - PAD) - top, color, value);
    }

    private static double y(int value, int max) {
        return (H - PAD) - (H - 1.5 * PAD) * value / (double) max;
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\">%s</text>",
                x, y, anchor, s);
    }

    private static int max(List<Integer> values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

package dev.pagerboy.replay;

import static dev.pagerboy.replay.SvgChart.esc;

import dev.pagerboy.replay.WhatIfReport.Counts;
import dev.pagerboy.replay.WhatIfReport.Example;
import dev.pagerboy.replay.WhatIfReport.GroupPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The what-if report as one self-contained HTML page with inline SVG charts. */
public final class ReportHtml {

    private ReportHtml() {}

    public static String render(WhatIfReport r) {
        WhatIfReport.Header h = r.header();
        StringBuilder out = new StringBuilder();
        out.append(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>PagerBoy what-if</title>");
        out.append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}");
        out.append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}");
        out.append(
                "td:first-child,th:first-child{text-align:left}code{font-size:90%}</style></head><body>");
        out.append("<h1>What-if replay</h1><table>");
        row(out, "archive", h.archive());
        row(
                out,
                "stretch",
                h.stretchFrom()
                        + " .. "
                        + h.stretchTo()
                        + String.format(" (%.2f weeks)", h.weeks()));
        row(out, "archived config", h.archivedConfig());
        row(out, "archived ROMs", String.valueOf(h.archivedRoms()));
        row(out, "replayed config", h.configFile() + " sha256 " + h.configSha256());
        row(out, "replayed ROMs", String.valueOf(h.replayedRoms()));
        row(out, "PagerBoy", h.version());
        out.append("</table>");
        Counts t = r.totals();
        out.append(
                String.format(
                        "<p>%d pages archived, %d replayed: <b>%d added</b>, <b>%d removed</b>, <b>%d changed</b>.</p>",
                        t.before(), t.after(), t.added(), t.removed(), t.changed()));
        out.append("<h2>Volume over time (pages per ").append(r.volume().bucket()).append(")</h2>");
        out.append(
                SvgChart.lines(
                        "pages over time",
                        r.volume().starts(),
                        r.volume().before(),
                        r.volume().after()));
        out.append("<h2>Pages per receiver</h2>");
        List<String> names = new ArrayList<>();
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (Counts c : r.perReceiver()) {
            names.add(c.name());
            before.add(c.before());
            after.add(c.after());
        }
        out.append(SvgChart.bars("pages per receiver", names, before, after));
        table(out, "receiver", r.perReceiver());
        out.append("<h2>Per route</h2>");
        table(out, "route", r.perRoute());
        if (!r.perEngineer().isEmpty()) {
            out.append("<h2>Per engineer</h2>");
            table(out, "engineer", r.perEngineer());
        }
        incidents(out, r.incidents());
        out.append(
                "<h2>Noisiest groups</h2><table><tr><th>route</th><th>group</th><th>archived</th><th>replayed</th></tr>");
        for (GroupPages g : r.noisiestGroups()) {
            out.append("<tr><td>")
                    .append(esc(g.routeId()))
                    .append("</td><td>")
                    .append(esc(g.groupKey()))
                    .append("</td><td>")
                    .append(g.before())
                    .append("</td><td>")
                    .append(g.after())
                    .append("</td></tr>");
        }
        out.append("</table>");
        for (Map.Entry<String, List<Example>> e : r.examples().entrySet()) {
            out.append("<h2>Examples: ").append(e.getKey()).append(" pages</h2>");
            if (e.getValue().isEmpty()) {
                out.append("<p>none</p>");
                continue;
            }
            out.append(
                    "<table><tr><th>time</th><th>receiver</th><th>route</th><th>group</th><th>alert labels</th></tr>");
            for (Example x : e.getValue()) {
                out.append("<tr><td>")
                        .append(esc(x.time()))
                        .append("</td><td>")
                        .append(esc(x.receiver()))
                        .append("</td><td>")
                        .append(esc(x.routeId()))
                        .append("</td><td>")
                        .append(esc(x.groupKey()))
                        .append("</td><td><code>")
                        .append(esc(String.valueOf(x.alertLabels())))
                        .append("</code></td></tr>");
            }
            out.append("</table>");
        }
        return out.append("</body></html>\n").toString();
    }

    private static void incidents(StringBuilder out, IncidentDiff d) {
        out.append("<h2>Incidents</h2><p>")
                .append(d.before())
                .append(" archived, ")
                .append(d.after())
                .append(" replayed.</p><table><tr><th>change</th><th>incidents</th></tr>");
        d.counts()
                .forEach(
                        (change, n) ->
                                out.append("<tr><td>")
                                        .append(change.name().toLowerCase(Locale.ROOT))
                                        .append("</td><td>")
                                        .append(n)
                                        .append("</td></tr>"));
        out.append("</table>");
        out.append(
                "<table><tr><th>change</th><th>incident</th><th>route</th><th>group</th>"
                        + "<th>steps archived</th><th>steps replayed</th><th>ended archived</th>"
                        + "<th>ended replayed</th></tr>");
        d.examples()
                .forEach(
                        (change, examples) -> {
                            for (IncidentDiff.Example x : examples) {
                                out.append("<tr><td>")
                                        .append(change.name().toLowerCase(Locale.ROOT));
                                for (String cell :
                                        List.of(
                                                x.incidentId(),
                                                x.routeId(),
                                                x.groupKey(),
                                                String.valueOf(x.stepsBefore()),
                                                String.valueOf(x.stepsAfter()),
                                                x.endBefore(),
                                                x.endAfter())) {
                                    out.append("</td><td>").append(esc(cell));
                                }
                                out.append("</td></tr>");
                            }
                        });
        out.append("</table>");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>")
                .append(esc(name))
                .append("</th><td>")
                .append(esc(value))
                .append("</td></tr>");
    }

    private static void table(StringBuilder out, String what, List<Counts> rows) {
        out.append("<table><tr><th>")
                .append(what)
                .append("</th><th>archived</th><th>replayed</th>")
                .append("<th>added</th><th>removed</th><th>changed</th><th>pages/week before</th>")
                .append("<th>pages/week after</th></tr>");
        for (Counts c : rows) {
            out.append(
                    String.format(
                            "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td></tr>",
                            esc(c.name()),
                            c.before(),
                            c.after(),
                            c.added(),
                            c.removed(),
                            c.changed(),
                            c.perWeekBefore(),
                            c.perWeekAfter()));
        }
        out.append("</table>");
    }
}

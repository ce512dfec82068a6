package dev.pagerboy.replay;

import static dev.pagerboy.replay.SvgChart.esc;

import dev.pagerboy.replay.IncidentTimeline.Entry;
import dev.pagerboy.replay.IncidentTimeline.Header;
import dev.pagerboy.replay.IncidentTimeline.Verdict;
import java.util.Locale;

/**
 * An incident's story as one self-contained HTML page: a header, the verdict of its replay, and the
 * timeline, one row per line of the story with the archived row behind it unfolded on click.
 */
public final class TimelineHtml {

    private TimelineHtml() {}

    public static String render(IncidentTimeline t) {
        Header h = t.header();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>PagerBoy incident ");
        out.append(esc(h.incidentId())).append("</title><style>");
        out.append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}");
        out.append(
                "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}");
        out.append(".k{font-weight:bold;font-size:85%}.input{color:#555}.decision{color:#1c7ed6}");
        out.append(".mute{color:#ae3ec9}.incident{color:#d9480f}.page{color:#2b8a3e}");
        out.append(".ack{color:#e67700}.receipt{color:#0b7285}pre{margin:0;white-space:pre-wrap}");
        out.append("</style></head><body>");
        out.append("<h1>Incident <code>").append(esc(h.incidentId())).append("</code></h1><table>");
        row(out, "group", h.routeId() + " " + h.groupKey());
        row(out, "policy", h.policy().isEmpty() ? "(none)" : h.policy());
        row(out, "status", h.status());
        row(out, "stretch", h.from() + " .. " + h.to());
        row(out, "archive", h.archive());
        row(out, "config", h.config());
        row(out, "PagerBoy", h.version());
        out.append("</table>");
        Verdict v = t.replay();
        if (v.identical()) {
            out.append("<p>Replay of the incident's keys (")
                    .append(v.inputs())
                    .append(" inputs): <b>identical</b> to the archive, ")
                    .append(esc(String.valueOf(v.comparedRows())))
                    .append(".</p>");
        } else {
            out.append(
                    "<p>Replay of the incident's keys: <b>differs</b> from the archive:</p><pre>");
            for (String d : v.differences()) {
                out.append(esc(d)).append('\n');
            }
            out.append("</pre>");
        }
        out.append(
                "<h2>Timeline</h2><table><tr><th>event time</th><th>what</th><th>story</th></tr>");
        for (Entry e : t.entries()) {
            String css = e.kind().name().toLowerCase(Locale.ROOT);
            out.append("<tr class=\"").append(css).append("\"><td>").append(esc(e.time()));
            out.append("</td><td class=\"k\">")
                    .append(e.kind())
                    .append("</td><td><details><summary>");
            out.append(esc(e.summary())).append("</summary><pre>").append(esc(e.id())).append('\n');
            out.append(esc(e.row().toPrettyString())).append("</pre></details></td></tr>");
        }
        out.append("</table></body></html>\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value));
        out.append("</td></tr>");
    }
}

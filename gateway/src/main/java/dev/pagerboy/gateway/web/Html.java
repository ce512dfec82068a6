package dev.pagerboy.gateway.web;

import dev.pagerboy.gateway.view.AnchorProof;
import dev.pagerboy.gateway.view.IncidentCard;
import dev.pagerboy.gateway.view.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The gateway's pages as HTML text: small, no script, one stylesheet ({@code /app.css}), so the
 * content security policy can forbid everything else. Every value from outside is escaped here.
 * Laid out for a phone first: the action buttons come right after the title, so on a 390-px-wide
 * screen they are visible without scrolling.
 */
final class Html {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static final String CSS =
            """
            body{font-family:system-ui,sans-serif;margin:0;padding:12px;max-width:720px;color:#111}
            h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.05em;margin:1em 0 .3em}
            .sev{display:inline-block;padding:2px 8px;border-radius:4px;background:#eee;font-size:.9em}
            .sev-critical{background:#c62828;color:#fff}.sev-warning{background:#f9a825}
            .actions{display:flex;gap:8px;margin:10px 0}
            .actions form{flex:1}
            button{width:100%;font-size:1.1em;padding:14px 8px;border-radius:8px;border:0;cursor:pointer}
            .ack{background:#1565c0;color:#fff}.resolve{background:#2e7d32;color:#fff}
            .small button{padding:6px 10px;font-size:.95em;width:auto}
            .check{background:#eee;color:#111}
            .notice{padding:12px;border-radius:8px;background:#e8f5e9;margin:10px 0}
            .refused{background:#ffebee}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0}
            dt{color:#555}dd{margin:0;word-break:break-all}
            ul.timeline{padding-left:18px}.muted{color:#666;font-size:.9em}
            .card{border:1px solid #ddd;border-radius:8px;padding:10px;margin:10px 0}
            .state{font-weight:bold}
            input{font-size:1.1em;padding:8px;width:100%;box-sizing:border-box;margin:4px 0 10px}
            """;

    private Html() {}

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String time(long millis) {
        return millis <= 0 ? "—" : TIME.format(Instant.ofEpochMilli(millis));
    }

    static String page(String title, String body, boolean refresh) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"10\">" : "")
                + "<title>"
                + escape(title)
                + " · PagerBoy</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body>"
                + body
                + "</body></html>";
    }

    /** A page with one plain sentence, for refusals and errors. */
    static String message(String title, String sentence, boolean refused) {
        return page(
                title,
                "<h1>"
                        + escape(title)
                        + "</h1><p class=\"notice"
                        + (refused ? " refused" : "")
                        + "\" id=\"message\">"
                        + escape(sentence)
                        + "</p>",
                false);
    }

    static String form(String action, String csrf, String name, String label, String css) {
        return "<form method=\"post\" action=\""
                + escape(action)
                + "\"><input type=\"hidden\" name=\"csrf\" value=\""
                + escape(csrf)
                + "\"><input type=\"hidden\" name=\"action\" value=\""
                + escape(name)
                + "\"><button type=\"submit\" class=\""
                + css
                + "\" id=\""
                + escape(name)
                + "\">"
                + escape(label)
                + "</button></form>";
    }

    /** Title, severity and the buttons first; then the details. */
    static String incidentHead(IncidentCard c, String buttons) {
        StringBuilder b = new StringBuilder();
        b.append("<h1 id=\"title\">").append(escape(c.title())).append("</h1>");
        b.append("<p><span class=\"sev sev-")
                .append(escape(c.severity()))
                .append("\">")
                .append(escape(c.severity().isEmpty() ? "no severity" : c.severity()))
                .append("</span> <span class=\"state\" id=\"status\">")
                .append(escape(statusWord(c.status())))
                .append("</span>");
        if (!c.actedBy().isEmpty()) {
            b.append(" by ").append(escape(c.actedBy()));
        }
        String record = c.recordState();
        if (!record.isEmpty()) {
            b.append(" · <span id=\"record\">").append(record).append("</span>");
        }
        b.append("</p>");
        if (!buttons.isEmpty()) {
            b.append("<div class=\"actions\">").append(buttons).append("</div>");
        }
        return b.toString();
    }

    static String details(IncidentCard c) {
        StringBuilder b = new StringBuilder("<dl>");
        row(b, "Fired", time(c.firedAt()));
        row(b, "Level", Integer.toString(c.level()));
        row(b, "Paged", String.join(", ", c.paged()));
        for (Map.Entry<String, String> l : new java.util.TreeMap<>(c.labels()).entrySet()) {
            row(b, l.getKey(), l.getValue());
        }
        row(b, "Incident", c.id());
        b.append("</dl>");
        return b.toString();
    }

    static String timeline(List<TimelineEntry> entries) {
        StringBuilder b = new StringBuilder("<h2>Timeline</h2><ul class=\"timeline\">");
        for (TimelineEntry e : entries) {
            b.append("<li><span class=\"muted\">")
                    .append(time(e.at()))
                    .append("</span> ")
                    .append(escape(e.what()))
                    .append("</li>");
        }
        return b.append("</ul>").toString();
    }

    static String proofs(List<AnchorProof> proofs) {
        if (proofs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Record</h2>");
        for (AnchorProof p : proofs) {
            b.append("<dl class=\"card\">");
            row(b, "Batch", p.batchId());
            row(b, "Transaction", p.transactionHash());
            row(b, "Block", Long.toString(p.blockNumber()));
            row(b, "How", p.method().startsWith("GATEWAY") ? "one-time link" : "own key");
            b.append("</dl>");
        }
        return b.toString();
    }

    static String statusWord(String status) {
        return switch (status) {
            case "acknowledged" -> "Acknowledged";
            case "resolved" -> "Resolved";
            default -> "Open";
        };
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<dt>").append(escape(k)).append("</dt><dd>").append(escape(v)).append("</dd>");
    }
}

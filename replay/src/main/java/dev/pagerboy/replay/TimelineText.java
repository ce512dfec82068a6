package dev.pagerboy.replay;

import dev.pagerboy.replay.IncidentTimeline.Entry;
import dev.pagerboy.replay.IncidentTimeline.Header;
import dev.pagerboy.replay.IncidentTimeline.Verdict;

/** An incident's story as a terminal table: one line per input, decision, page, ack, receipt. */
public final class TimelineText {

    private TimelineText() {}

    public static String render(IncidentTimeline t) {
        Header h = t.header();
        StringBuilder out = new StringBuilder();
        out.append("Incident ").append(h.incidentId()).append('\n');
        out.append("  group     ")
                .append(h.routeId())
                .append(' ')
                .append(h.groupKey())
                .append('\n');
        out.append("  policy    ").append(h.policy().isEmpty() ? "(none)" : h.policy());
        out.append("; status ").append(h.status()).append('\n');
        out.append("  stretch   ").append(h.from()).append(" .. ").append(h.to()).append('\n');
        out.append("  archive   ").append(h.archive()).append("; config ").append(h.config());
        out.append("; PagerBoy ").append(h.version()).append("\n\n");
        int kindWidth = "DECISION".length();
        for (Entry e : t.entries()) {
            out.append(
                    String.format(
                            "%-24s %-" + kindWidth + "s %s%n", e.time(), e.kind(), e.summary()));
        }
        Verdict v = t.replay();
        out.append('\n');
        if (v.identical()) {
            out.append("replay: identical: ")
                    .append(v.comparedRows().values().stream().mapToInt(Integer::intValue).sum())
                    .append(" archived rows of the incident ")
                    .append(v.comparedRows())
                    .append(", from ")
                    .append(v.inputs())
                    .append(" inputs of its keys\n");
        } else {
            out.append("replay: differs from the archive; the first differences:\n");
            for (String d : v.differences()) {
                out.append("  ").append(d).append('\n');
            }
        }
        return out.toString();
    }
}

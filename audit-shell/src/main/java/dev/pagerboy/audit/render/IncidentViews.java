package dev.pagerboy.audit.render;

import dev.pagerboy.audit.incident.IncidentFacts;
import dev.pagerboy.audit.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Draws {@code incident show} (a timeline) and {@code incident list} (a table). */
public final class IncidentViews {

    private IncidentViews() {}

    public static AttributedString timeline(String incidentId, List<TimelineEntry> entries) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.style(AttributedStyle.BOLD).append("incident ").append(incidentId).append('\n');
        out.style(AttributedStyle.DEFAULT);
        TextTable table = new TextTable(List.of("event time (UTC)", "kind", "what", "row"), 200);
        for (TimelineEntry e : entries) {
            table.row(
                    List.of(
                            Instant.ofEpochMilli(e.eventTime()).toString(),
                            e.kind(),
                            e.what(),
                            e.rowId()));
        }
        out.append(table.render());
        return out.toAttributedString();
    }

    public static AttributedString list(List<IncidentFacts> incidents) {
        TextTable table =
                new TextTable(
                        List.of(
                                "incident",
                                "route",
                                "receiver",
                                "opened (UTC)",
                                "status",
                                "acked by",
                                "time to ack"),
                        200);
        for (IncidentFacts i : incidents) {
            table.row(
                    List.of(
                            i.incidentId(),
                            i.routeId(),
                            i.receiver(),
                            Instant.ofEpochMilli(i.openedAt()).toString(),
                            i.status(),
                            i.ackedBy(),
                            i.acknowledged() ? duration(i.timeToAck()) : ""));
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.append(table.render());
        out.append(
                "(" + incidents.size() + " incident" + (incidents.size() == 1 ? "" : "s") + ")\n");
        return out.toAttributedString();
    }

    /** {@code 1m30s}, {@code 45s}, {@code 2h05m}, {@code 850ms}. */
    public static String duration(long millis) {
        if (millis < 0) {
            return "-";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        Duration d = Duration.ofMillis(millis);
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        if (h > 0) {
            return String.format("%dh%02dm", h, m);
        }
        return m > 0 ? String.format("%dm%02ds", m, s) : s + "s";
    }
}

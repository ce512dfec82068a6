package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.incident.IncidentFacts;
import dev.pagerboy.audit.incident.IncidentRecords;
import dev.pagerboy.audit.incident.IncidentTimeline;
import dev.pagerboy.audit.render.IncidentViews;
import dev.pagerboy.audit.verify.AckSelection;
import java.util.List;
import org.jline.utils.AttributedString;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code incident list} and {@code incident show ID}: the incidents the archive recorded. */
@ShellComponent
@ShellCommandGroup("Incidents")
public class IncidentCommands {

    private final IncidentRecords records;
    private final IncidentTimeline timeline;

    public IncidentCommands(IncidentRecords records, IncidentTimeline timeline) {
        this.records = records;
        this.timeline = timeline;
    }

    @ShellMethod(
            key = "incident list",
            value =
                    "List the incidents: route, first receiver, when opened, status, who acked and"
                            + " how fast. Example: incident list --route oncall --state triggered")
    public AttributedString list(
            @ShellOption(
                            help = "only incidents opened at or after T (2026-12-01T10:00:00Z)",
                            defaultValue = ShellOption.NULL)
                    String since,
            @ShellOption(help = "only this route", defaultValue = ShellOption.NULL) String route,
            @ShellOption(
                            help = "only this status: triggered, acknowledged or resolved",
                            defaultValue = ShellOption.NULL)
                    String state) {
        long from = since == null ? Long.MIN_VALUE : AckSelection.instant(since);
        List<IncidentFacts> shown =
                records.since(from).stream()
                        .filter(i -> route == null || route.equals(i.routeId()))
                        .filter(i -> state == null || state.equals(i.status()))
                        .toList();
        return IncidentViews.list(shown);
    }

    @ShellMethod(
            key = "incident show",
            value =
                    "Show an incident's timeline: transitions, pages, acks and their verdicts,"
                            + " anchoring, delivery receipts. Example: incident show"
                            + " 9f86d081884c7d65-1764583200000")
    public AttributedString show(@ShellOption(help = "the incident id") String id) {
        return IncidentViews.timeline(id, timeline.of(id));
    }
}

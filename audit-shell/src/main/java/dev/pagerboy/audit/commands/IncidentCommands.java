package dev.pagerboy.audit.commands;

import dev.pagerboy.alerts.Durations;
import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.audit.incident.IncidentFacts;
import dev.pagerboy.audit.incident.IncidentRecords;
import dev.pagerboy.audit.incident.IncidentTimeline;
import dev.pagerboy.audit.render.IncidentViews;
import dev.pagerboy.audit.report.ReceiverTeams;
import dev.pagerboy.audit.verify.AckSelection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
    private final AuditSettings settings;

    public IncidentCommands(
            IncidentRecords records, IncidentTimeline timeline, AuditSettings settings) {
        this.records = records;
        this.timeline = timeline;
        this.settings = settings;
    }

    @ShellMethod(
            key = "incident list",
            value =
                    "List the incidents: route, first receiver, when opened, status, who acked and"
                            + " how fast. --late: only those acknowledged after their escalation"
                            + " paged a second level; --late-after 5m: acknowledged more than 5m"
                            + " after opening. Example: incident list --team ops --late")
    public AttributedString list(
            @ShellOption(
                            help = "only incidents opened at or after T (2026-12-01T10:00:00Z)",
                            defaultValue = ShellOption.NULL)
                    String since,
            @ShellOption(help = "only this route", defaultValue = ShellOption.NULL) String route,
            @ShellOption(
                            help =
                                    "only this team (of the receiver of the first page; needs"
                                            + " --config)",
                            defaultValue = ShellOption.NULL)
                    String team,
            @ShellOption(
                            help = "only this status: triggered, acknowledged or resolved",
                            defaultValue = ShellOption.NULL)
                    String state,
            @ShellOption(
                            help =
                                    "only incidents acknowledged late: after a second escalation"
                                            + " level was paged",
                            defaultValue = "false")
                    boolean late,
            @ShellOption(
                            value = "--late-after",
                            help =
                                    "only incidents acknowledged more than DURATION after opening"
                                            + " (30s, 5m, 1h)",
                            defaultValue = ShellOption.NULL)
                    String lateAfter) {
        long from = since == null ? Long.MIN_VALUE : AckSelection.instant(since);
        Predicate<IncidentFacts> ofTeam = i -> true;
        if (team != null) {
            Map<String, String> teams = ReceiverTeams.of(settings, "incident list --team");
            ofTeam = i -> team.equals(teams.get(i.receiver()));
        }
        long limit = lateAfter == null ? -1 : durationMillis(lateAfter);
        List<IncidentFacts> shown =
                records.since(from).stream()
                        .filter(i -> route == null || route.equals(i.routeId()))
                        .filter(ofTeam)
                        .filter(i -> state == null || state.equals(i.status()))
                        .filter(i -> !late || i.ackedAfterEscalation())
                        .filter(i -> limit < 0 || i.ackedLaterThan(limit))
                        .toList();
        return IncidentViews.list(shown);
    }

    private static long durationMillis(String text) {
        try {
            return Durations.parse(text).toMillis();
        } catch (RuntimeException e) {
            throw new AuditException("--late-after: " + e.getMessage(), e);
        }
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

package dev.pagerboy.replay;

import dev.pagerboy.replay.WhatIfReport.Counts;
import dev.pagerboy.replay.WhatIfReport.Example;
import dev.pagerboy.replay.WhatIfReport.GroupPages;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The what-if report as terminal tables. */
public final class ReportText {

    private ReportText() {}

    public static String render(WhatIfReport r) {
        StringBuilder out = new StringBuilder();
        WhatIfReport.Header h = r.header();
        out.append("What-if replay of ").append(h.archive()).append('\n');
        out.append("  stretch   ").append(h.stretchFrom()).append(" .. ").append(h.stretchTo());
        out.append(String.format(" (%.2f weeks)%n", h.weeks()));
        out.append("  archived  config ").append(h.archivedConfig()).append("; ROMs ");
        out.append(h.archivedRoms().isEmpty() ? "(none ran)" : h.archivedRoms()).append('\n');
        out.append("  replayed  config ").append(h.configFile()).append(" sha256 ");
        out.append(h.configSha256()).append("; ROMs ").append(roms(h.replayedRoms())).append('\n');
        out.append("  PagerBoy  ").append(h.version()).append("\n\n");

        Counts t = r.totals();
        out.append(
                String.format(
                        "pages: %d archived, %d replayed: %d added, %d removed, %d changed%n%n",
                        t.before(), t.after(), t.added(), t.removed(), t.changed()));
        table(out, "receiver", r.perReceiver());
        table(out, "route", r.perRoute());
        if (!r.perEngineer().isEmpty()) {
            table(out, "engineer", r.perEngineer());
        }
        incidents(out, r.incidents());

        out.append("noisiest groups (pages archived -> replayed)\n");
        for (GroupPages g : r.noisiestGroups()) {
            out.append(
                    String.format(
                            "  %5d -> %-5d %s %s%n",
                            g.before(), g.after(), g.routeId(), g.groupKey()));
        }
        for (Map.Entry<String, List<Example>> e : r.examples().entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            out.append('\n').append(e.getKey()).append(" pages (examples)\n");
            for (Example x : e.getValue()) {
                out.append("  ").append(x.time()).append(' ').append(x.receiver()).append(' ');
                out.append(x.routeId()).append(' ').append(x.groupKey()).append('\n');
                for (Map<String, String> labels : x.alertLabels()) {
                    out.append("      ").append(labels).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void incidents(StringBuilder out, IncidentDiff d) {
        out.append(
                String.format(
                        "incidents: %d archived, %d replayed: %d escalated further, %d escalated less,"
                                + " %d opened, %d not opened, %d otherwise changed%n",
                        d.before(),
                        d.after(),
                        d.counts().get(IncidentDiff.Change.ESCALATED_FURTHER),
                        d.counts().get(IncidentDiff.Change.ESCALATED_LESS),
                        d.counts().get(IncidentDiff.Change.OPENED),
                        d.counts().get(IncidentDiff.Change.NOT_OPENED),
                        d.counts().get(IncidentDiff.Change.OTHERWISE_CHANGED)));
        for (Map.Entry<IncidentDiff.Change, List<IncidentDiff.Example>> e :
                d.examples().entrySet()) {
            for (IncidentDiff.Example x : e.getValue()) {
                out.append(
                        String.format(
                                "  %-17s %s steps %s -> %s; %s -> %s; %s %s%n",
                                e.getKey().name().toLowerCase(Locale.ROOT),
                                x.incidentId(),
                                steps(x.stepsBefore()),
                                steps(x.stepsAfter()),
                                x.endBefore().isEmpty() ? "-" : x.endBefore(),
                                x.endAfter().isEmpty() ? "-" : x.endAfter(),
                                x.routeId(),
                                x.groupKey()));
            }
        }
        out.append('\n');
    }

    private static String steps(int steps) {
        return steps < 0 ? "-" : String.valueOf(steps);
    }

    private static void table(StringBuilder out, String what, List<Counts> rows) {
        int width = what.length();
        for (Counts c : rows) {
            width = Math.max(width, c.name().length());
        }
        String format = "  %-" + width + "s %8s %8s %6s %7s %7s %12s%n";
        out.append(
                String.format(
                        format,
                        what,
                        "archived",
                        "replayed",
                        "added",
                        "removed",
                        "changed",
                        "Δ pages/week"));
        for (Counts c : rows) {
            out.append(
                    String.format(
                            format,
                            c.name(),
                            c.before(),
                            c.after(),
                            c.added(),
                            c.removed(),
                            c.changed(),
                            String.format("%+.1f", c.perWeekChange())));
        }
        out.append('\n');
    }

    private static String roms(Map<String, String> roms) {
        StringBuilder out = new StringBuilder("{");
        roms.forEach(
                (route, sha) -> {
                    if (!sha.isEmpty()) {
                        out.append(out.length() > 1 ? ", " : "")
                                .append(route)
                                .append('=')
                                .append(HandlerPrograms.sha(sha));
                    }
                });
        return out.append('}').toString();
    }
}

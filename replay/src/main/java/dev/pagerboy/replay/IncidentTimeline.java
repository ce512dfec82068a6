package dev.pagerboy.replay;

import static dev.pagerboy.replay.IncidentRows.json;
import static dev.pagerboy.replay.IncidentRows.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One incident's story, in event time: every input, decision, mute, page, escalation, ack and
 * receipt of it, each with one readable line, plus whether replaying the incident's keys gave the
 * same rows. Built by {@link IncidentReplay}; rendered by {@link TimelineText}, {@link
 * TimelineHtml} and as JSON (the record itself).
 *
 * @param header what the story is about
 * @param entries the story, in event time
 * @param replay the replay's verdict on the incident's rows
 */
public record IncidentTimeline(Header header, List<Entry> entries, Verdict replay) {

    /**
     * @param incidentId the incident
     * @param routeId the route of its group (the rule that routed its alerts)
     * @param groupKey its group
     * @param policy its escalation policy, or ""
     * @param status its status after the last transition
     * @param from first event time of its stretch (RFC 3339)
     * @param to last event time of its stretch (RFC 3339)
     * @param archive the archive read
     * @param config the configuration replayed
     * @param version the PagerBoy version that made the story
     */
    public record Header(
            String incidentId,
            String routeId,
            String groupKey,
            String policy,
            String status,
            String from,
            String to,
            String archive,
            String config,
            String version) {}

    /** What a line of the story is. Declared in the order lines of one instant are told. */
    public enum Kind {
        INPUT,
        DECISION,
        MUTE,
        INCIDENT,
        PAGE,
        ACK,
        RECEIPT
    }

    /**
     * @param time event time (RFC 3339)
     * @param eventTime event time, epoch ms
     * @param kind what the line is
     * @param id the archive row id
     * @param summary one readable line
     * @param row the archived row's content (payload, or the input's text)
     */
    public record Entry(
            String time, long eventTime, Kind kind, String id, String summary, JsonNode row) {}

    /**
     * @param identical whether the replay gave exactly the archived rows of the incident
     * @param comparedRows archived rows compared, per kind
     * @param differences the first differences, one line each
     * @param inputs inputs the replay fed
     */
    public record Verdict(
            boolean identical,
            Map<String, Integer> comparedRows,
            List<String> differences,
            long inputs) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many differences the story lists. */
    static final int FIRST_DIFFERENCES = 10;

    static IncidentTimeline of(
            Header header,
            List<ArchiveRecord> inputs,
            List<ArchiveRecord> own,
            ArchiveComparison comparison,
            long replayedInputs) {
        List<Entry> entries = new ArrayList<>();
        for (ArchiveRecord r : inputs) {
            entries.add(entry(r));
        }
        for (ArchiveRecord r : own) {
            entries.add(entry(r));
        }
        entries.sort(
                Comparator.comparingLong(Entry::eventTime)
                        .thenComparing(Entry::kind)
                        .thenComparing(Entry::id));
        List<String> differences = new ArrayList<>();
        for (ArchiveComparison.Difference d : comparison.differences()) {
            if (differences.size() == FIRST_DIFFERENCES) {
                break;
            }
            differences.add(d.describe());
        }
        return new IncidentTimeline(
                header,
                List.copyOf(entries),
                new Verdict(
                        comparison.identical(),
                        comparison.rowsPerKind(),
                        differences,
                        replayedInputs));
    }

    private static Entry entry(ArchiveRecord r) {
        String time = Instant.ofEpochMilli(r.eventTime()).toString();
        return switch (kind(r)) {
            case "alert_raw", "ack_raw", "silence" -> input(r, time);
            case "receipt_raw" -> receipt(r, time);
            case "late_input" -> late(r, time);
            case "decision" -> decision(r, time);
            case "mute" -> mute(r, time);
            case "incident" -> transition(r, time);
            case "notification" -> page(r, time);
            case "ack" -> ack(r, time);
            default -> new Entry(time, r.eventTime(), Kind.DECISION, r.id(), kind(r), json(r));
        };
    }

    private static Entry input(ArchiveRecord r, String time) {
        String body = new String(r.raw(), StandardCharsets.UTF_8);
        String what =
                switch (kind(r)) {
                    case "alert_raw" -> "alert record";
                    case "ack_raw" -> "ack record";
                    default -> "silence " + r.key() + " (" + r.outcome() + ")";
                };
        JsonNode row = json(r);
        ((ObjectNode) row).put("raw", body);
        return new Entry(
                time,
                r.eventTime(),
                Kind.INPUT,
                r.id(),
                what
                        + " "
                        + r.sourceTopic()
                        + "/"
                        + r.sourcePartition()
                        + "/"
                        + r.sourceOffset()
                        + ": "
                        + abbreviate(body, 160),
                row);
    }

    /** The time the live job applied a late alert, ack or receipt at: an input, replayed there. */
    private static Entry late(ArchiveRecord r, String time) {
        JsonNode n = json(r);
        return new Entry(
                time,
                r.eventTime(),
                Kind.INPUT,
                r.id(),
                "late: "
                        + (r.sourceTopic().isEmpty()
                                ? r.outcome() + " input " + r.key()
                                : "record "
                                        + r.sourceTopic()
                                        + "/"
                                        + r.sourcePartition()
                                        + "/"
                                        + r.sourceOffset())
                        + " applied at "
                        + Instant.ofEpochMilli(n.path("appliedAt").asLong())
                        + " by the "
                        + r.outcome()
                        + " stage",
                n);
    }

    private static Entry receipt(ArchiveRecord r, String time) {
        JsonNode n = parseOrText(new String(r.raw(), StandardCharsets.UTF_8));
        String summary =
                "receipt "
                        + n.path("outcome").asText("?")
                        + " to "
                        + n.path("receiver").asText("?")
                        + " after "
                        + n.path("attempts").asInt()
                        + " attempt(s), "
                        + n.path("latencyMs").asLong()
                        + " ms"
                        + (n.path("reason").asText("").isEmpty()
                                ? ""
                                : " (" + n.path("reason").asText() + ")")
                        + " page "
                        + n.path("idempotencyKey").asText("");
        return new Entry(time, r.eventTime(), Kind.RECEIPT, r.id(), summary, n);
    }

    private static Entry decision(ArchiveRecord r, String time) {
        JsonNode n = json(r);
        StringBuilder s = new StringBuilder();
        s.append("alert ").append(r.key()).append(' ').append(n.path("status").asText());
        s.append(": ").append(r.outcome());
        if (n.has("lateByMillis")) {
            s.append(" (late by ").append(n.path("lateByMillis").asLong()).append(" ms)");
        }
        if (n.has("romSha256")) {
            String sha = n.path("romSha256").asText();
            s.append("; handler ")
                    .append(sha.isEmpty() ? "none" : "ROM " + HandlerPrograms.sha(sha))
                    .append(" on route ")
                    .append(n.path("romRouteId").asText())
                    .append(", ")
                    .append(n.path("cycles").asLong())
                    .append(" cycles");
            String fault = n.path("faultKind").asText("");
            if (!fault.isEmpty()) {
                s.append(", fault ").append(fault);
            }
            JsonNode d = n.path("decision");
            s.append("; severity ").append(d.path("severity").asText());
            if (d.path("suppress").asBoolean()) {
                s.append(", suppressed");
            }
            String policy = d.path("escalationPolicyId").asText("");
            if (!policy.isEmpty()) {
                s.append(", policy ").append(policy);
            }
        }
        List<String> routes = new ArrayList<>();
        for (JsonNode route : n.path("routes")) {
            routes.add(
                    route.isObject()
                            ? route.path("routeId").asText() + " " + route.path("groupKey").asText()
                            : route.asText());
        }
        if (!routes.isEmpty()) {
            s.append("; routed by ").append(String.join(", ", routes));
        }
        return new Entry(time, r.eventTime(), Kind.DECISION, r.id(), s.toString(), n);
    }

    private static Entry mute(ArchiveRecord r, String time) {
        JsonNode n = json(r);
        String by =
                n.has("silenceId")
                        ? "silence " + n.path("silenceId").asText()
                        : "inhibit rule "
                                + n.path("inhibitRule").asText()
                                + " (alert "
                                + n.path("inhibitedBy").asText()
                                + ")";
        return new Entry(
                time,
                r.eventTime(),
                Kind.MUTE,
                r.id(),
                "alert " + r.key() + " " + r.outcome() + " by " + by,
                n);
    }

    private static Entry transition(ArchiveRecord r, String time) {
        JsonNode n = json(r);
        StringBuilder s = new StringBuilder("incident #");
        s.append(n.path("sequence").asLong()).append(' ').append(r.outcome());
        if (n.path("level").asInt() > 0 && r.outcome().equals("escalated")) {
            s.append(" to level ").append(n.path("level").asInt());
            s.append(" (step ").append(n.path("step").asInt()).append(')');
        }
        String engineer = n.path("engineer").asText("");
        if (!engineer.isEmpty()) {
            s.append(" by ").append(engineer);
        }
        s.append(" -> ").append(n.path("status").asText());
        return new Entry(time, r.eventTime(), Kind.INCIDENT, r.id(), s.toString(), n);
    }

    private static Entry page(ArchiveRecord r, String time) {
        JsonNode n = json(r);
        StringBuilder s = new StringBuilder("page to ").append(r.outcome());
        String engineer = n.path("engineer").asText("");
        if (!engineer.isEmpty()) {
            s.append(" for ").append(engineer);
        }
        if (n.path("level").asInt() > 0) {
            s.append(", level ").append(n.path("level").asInt());
            s.append(" step ").append(n.path("step").asInt());
        }
        s.append(", ").append(n.path("status").asText());
        s.append(", ").append(n.path("alerts").size()).append(" alert(s)");
        String reason = n.path("reason").asText("");
        if (!reason.isEmpty()) {
            s.append(", ").append(reason).append('/').append(n.path("trigger").asText());
        }
        s.append("; key ").append(r.key());
        return new Entry(time, r.eventTime(), Kind.PAGE, r.id(), s.toString(), n);
    }

    private static Entry ack(ArchiveRecord r, String time) {
        JsonNode n = json(r);
        String who = n.path("engineerName").asText("");
        StringBuilder s = new StringBuilder(n.path("action").asText("ack"));
        s.append(who.isEmpty() ? "" : " by " + who).append(": ").append(r.outcome());
        String detail = n.path("detail").asText("");
        if (!detail.isEmpty()) {
            s.append(" (").append(detail).append(')');
        }
        return new Entry(time, r.eventTime(), Kind.ACK, r.id(), s.toString(), n);
    }

    private static String abbreviate(String text, int max) {
        String one = text.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    /** A receipt's body is the dispatcher's JSON; a body that is not JSON is shown as text. */
    private static JsonNode parseOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().objectNode().put("raw", text);
        }
    }
}

package dev.pagerboy.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The what-if diff of incidents: for each incident id, how far its escalation went in the archive
 * and in the replay. An auditor asks "which incidents would have escalated differently": further
 * (more escalation steps paged), less far, opened only under the new configuration, not opened any
 * more, or the same steps with another ending (acknowledged, exhausted, resolved at another time).
 * Incidents are matched by id, which is the group's hash and birth time, so a configuration that
 * groups differently shows its incidents as opened and not opened.
 *
 * @param before incidents in the archive
 * @param after incidents in the replay
 * @param counts incidents per kind of change ({@link Change})
 * @param examples up to {@link WhatIfReport#EXAMPLES} incidents per kind of change
 */
public record IncidentDiff(
        int before, int after, Map<Change, Integer> counts, Map<Change, List<Example>> examples) {

    /** How an incident's escalation differs. */
    public enum Change {
        /** Only the replay opened it. */
        OPENED,
        /** Only the archive has it. */
        NOT_OPENED,
        /** The replay paged more escalation steps. */
        ESCALATED_FURTHER,
        /** The replay paged fewer escalation steps. */
        ESCALATED_LESS,
        /** The same steps, but another ending or other times. */
        OTHERWISE_CHANGED
    }

    /**
     * One incident that changed.
     *
     * @param incidentId the incident
     * @param routeId its group's route
     * @param groupKey its group
     * @param openedAt when it was triggered (RFC 3339), on the side that has it
     * @param stepsBefore escalation steps paged in the archive (-1 when it was not opened)
     * @param stepsAfter escalation steps paged in the replay (-1 when it was not opened)
     * @param endBefore its last transition and status in the archive, or ""
     * @param endAfter its last transition and status in the replay, or ""
     */
    public record Example(
            String incidentId,
            String routeId,
            String groupKey,
            String openedAt,
            int stepsBefore,
            int stepsAfter,
            String endBefore,
            String endAfter) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The incidents of {@code archived} against those of {@code replayed} (decision rows). */
    public static IncidentDiff of(List<ArchiveRecord> archived, List<ArchiveRecord> replayed) {
        Map<String, Story> before = stories(archived);
        Map<String, Story> after = stories(replayed);
        Map<Change, Integer> counts = new LinkedHashMap<>();
        Map<Change, List<Example>> examples = new LinkedHashMap<>();
        for (Change c : Change.values()) {
            counts.put(c, 0);
            examples.put(c, new ArrayList<>());
        }
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            Story b = before.get(id);
            Story a = after.get(id);
            Change change = change(b, a);
            if (change == null) {
                continue;
            }
            counts.merge(change, 1, Integer::sum);
            List<Example> list = examples.get(change);
            if (list.size() < WhatIfReport.EXAMPLES) {
                Story any = b != null ? b : a;
                list.add(
                        new Example(
                                id,
                                any.routeId,
                                any.groupKey,
                                Instant.ofEpochMilli(any.openedAt).toString(),
                                b == null ? -1 : b.steps,
                                a == null ? -1 : a.steps,
                                b == null ? "" : b.end(),
                                a == null ? "" : a.end()));
            }
        }
        return new IncidentDiff(before.size(), after.size(), counts, examples);
    }

    /** Whether any incident escalated differently. */
    public boolean differs() {
        return counts.values().stream().anyMatch(n -> n > 0);
    }

    private static Change change(Story b, Story a) {
        if (b == null) {
            return Change.OPENED;
        }
        if (a == null) {
            return Change.NOT_OPENED;
        }
        if (a.steps > b.steps) {
            return Change.ESCALATED_FURTHER;
        }
        if (a.steps < b.steps) {
            return Change.ESCALATED_LESS;
        }
        return a.transitions.equals(b.transitions) ? null : Change.OTHERWISE_CHANGED;
    }

    /** One incident's transitions on one side. */
    private static final class Story {
        String routeId = "";
        String groupKey = "";
        long openedAt;
        int steps;
        final TreeMap<Long, String> transitions = new TreeMap<>();

        String end() {
            return transitions.isEmpty() ? "" : transitions.lastEntry().getValue();
        }
    }

    private static Map<String, Story> stories(List<ArchiveRecord> rows) {
        Map<String, Story> out = new TreeMap<>();
        for (ArchiveRecord r : rows) {
            if (!r.kind().text().equals("incident")) {
                continue;
            }
            JsonNode n = json(r);
            Story s = out.computeIfAbsent(r.key(), k -> new Story());
            s.routeId = n.path("routeId").asText();
            s.groupKey = n.path("groupKey").asText();
            s.openedAt = n.path("openedAt").asLong(r.eventTime());
            s.steps = Math.max(s.steps, n.path("step").asInt());
            s.transitions.put(
                    n.path("sequence").asLong(),
                    r.outcome()
                            + " @"
                            + Instant.ofEpochMilli(r.eventTime())
                            + " -> "
                            + n.path("status").asText()
                            + (n.path("engineer").asText("").isEmpty()
                                    ? ""
                                    : " by " + n.path("engineer").asText()));
        }
        return out;
    }

    private static JsonNode json(ArchiveRecord r) {
        try {
            return JSON.readTree(r.payloadJson());
        } catch (IOException e) {
            throw new UncheckedIOException("archive row " + r.id() + ": bad payload", e);
        }
    }
}

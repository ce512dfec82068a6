package dev.pagerboy.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which archive rows belong to one incident, and which inputs a replay of it needs.
 *
 * <p>An incident belongs to one group ({@code routeId}, {@code groupKey}); its rows are its {@code
 * incident} transitions, its pages ({@code notification} rows naming it), the verdicts on acks of
 * it ({@code ack} rows keyed by it), the {@code mute} rows of its group, and the {@code decision}
 * rows of the alerts of its group, all within its stretch: from the group's birth (or the end of
 * the group's previous incident) to its last row.
 *
 * <p>Its replay needs the state those decisions were made from, which depends only on the group's
 * keys: every earlier record of the group's fingerprints (dedup and handler state are per
 * fingerprint), of the fingerprints that inhibited them (inhibition sources), every ack of the
 * group's incidents (the incident stage is keyed by the group), and the clock and silences (shared
 * by all groups, and small). Everything else in the archive is left out. A record that holds alerts
 * of other groups as well is fed whole, as the live job read it.
 */
final class IncidentRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String incidentId;
    private final String routeId;
    private final String groupKey;
    private final long from;
    private final long to;
    private final Set<String> fingerprints;
    private final Set<String> inputRefs;
    private final String groupHex;

    private IncidentRows(
            String incidentId,
            String routeId,
            String groupKey,
            long from,
            long to,
            Set<String> fingerprints,
            Set<String> inputRefs) {
        this.incidentId = incidentId;
        this.routeId = routeId;
        this.groupKey = groupKey;
        this.from = from;
        this.to = to;
        this.fingerprints = fingerprints;
        this.inputRefs = inputRefs;
        this.groupHex = hex(incidentId);
    }

    /**
     * The rows of incident {@code id} among {@code archived} (the archive's decision and output
     * rows).
     *
     * @throws UsageException when the archive has no transition of that incident
     */
    static IncidentRows of(String id, List<ArchiveRecord> archived) {
        List<ArchiveRecord> transitions = new ArrayList<>();
        for (ArchiveRecord r : archived) {
            if (kind(r).equals("incident") && r.key().equals(id)) {
                transitions.add(r);
            }
        }
        if (transitions.isEmpty()) {
            throw new UsageException(noSuchIncident(id, archived));
        }
        transitions.sort(Comparator.comparingLong(ArchiveRecord::eventTime));
        JsonNode first = json(transitions.get(0));
        String routeId = first.path("routeId").asText();
        String groupKey = first.path("groupKey").asText();
        long openedAt = first.path("openedAt").asLong(transitions.get(0).eventTime());

        // From the group's birth (the id's time, for the group's first incident) or, for a group
        // that fired again, from the end of its previous incident.
        long from = Math.min(idTime(id), openedAt);
        long to = transitions.get(transitions.size() - 1).eventTime();
        for (ArchiveRecord r : archived) {
            String k = kind(r);
            if (k.equals("incident")
                    && !r.key().equals(id)
                    && hex(r.key()).equals(hex(id))
                    && r.eventTime() < openedAt) {
                from = Math.max(from, r.eventTime() + 1);
            }
            if ((k.equals("notification") && id.equals(json(r).path("incidentId").asText()))
                    || (k.equals("ack") && r.key().equals(id))) {
                to = Math.max(to, r.eventTime());
            }
        }
        from = Math.min(from, openedAt);

        // The group's fingerprints over all time (they made the group's state), and those that
        // inhibited them.
        Set<String> fingerprints = new TreeSet<>();
        for (ArchiveRecord r : archived) {
            if (r.eventTime() > to) {
                continue;
            }
            String k = kind(r);
            if (k.equals("decision") && joined(json(r), routeId, groupKey)) {
                fingerprints.add(r.key());
            }
        }
        Set<String> inhibitors = new TreeSet<>();
        for (ArchiveRecord r : archived) {
            if (kind(r).equals("mute")
                    && r.eventTime() <= to
                    && inGroup(json(r), routeId, groupKey)) {
                String by = json(r).path("inhibitedBy").asText("");
                if (!by.isEmpty()) {
                    inhibitors.add(by);
                }
            }
        }
        Set<String> keys = new HashSet<>(fingerprints);
        keys.addAll(inhibitors);
        String hex = hex(id);
        Set<String> inputRefs = new HashSet<>();
        for (ArchiveRecord r : archived) {
            if (r.eventTime() > to) {
                continue;
            }
            String k = kind(r);
            if (k.equals("decision") && keys.contains(r.key())) {
                inputRefs.add(recordOf(json(r).path("sourceRef").asText()));
            } else if (k.equals("ack") && hex(r.key()).equals(hex)) {
                inputRefs.add(coordinates(r));
            }
        }
        return new IncidentRows(id, routeId, groupKey, from, to, fingerprints, inputRefs);
    }

    String incidentId() {
        return incidentId;
    }

    String routeId() {
        return routeId;
    }

    String groupKey() {
        return groupKey;
    }

    /** First event time of the incident's stretch. */
    long from() {
        return from;
    }

    /** Last event time of the incident's stretch (inclusive). */
    long to() {
        return to;
    }

    /** The alerts that were ever in the incident's group. */
    Set<String> fingerprints() {
        return fingerprints;
    }

    /**
     * The inputs a replay of the incident feeds: the records of the group's keys, every tick and
     * silence, the group's acks and receipts.
     */
    Predicate<ArchiveRecord> replayedInput() {
        return r ->
                switch (kind(r)) {
                    // A late_input row only times a record kept here; the others go unused.
                    case "tick", "silence", "late_input" -> true;
                    case "receipt_raw" -> hex(receiptIncident(r)).equals(groupHex);
                    default -> inputRefs.contains(coordinates(r));
                };
    }

    /**
     * The incident's own rows among {@code rows} (archived or replayed decision and output rows):
     * transitions, pages, ack verdicts, the group's mutes and its alerts' decisions, in the
     * incident's stretch.
     */
    List<ArchiveRecord> select(List<ArchiveRecord> rows) {
        List<ArchiveRecord> out = new ArrayList<>();
        for (ArchiveRecord r : rows) {
            if (r.eventTime() < from || r.eventTime() > to) {
                continue;
            }
            boolean mine =
                    switch (kind(r)) {
                        case "incident", "ack" -> r.key().equals(incidentId);
                        case "notification" ->
                                incidentId.equals(json(r).path("incidentId").asText());
                        case "mute" -> inGroup(json(r), routeId, groupKey);
                        case "decision" -> fingerprints.contains(r.key());
                        default -> false;
                    };
            if (mine) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The incident's input rows among {@code inputs}: the records its decisions and ack verdicts
     * came from, the silences its mutes name, and its receipts, in its stretch.
     */
    List<ArchiveRecord> inputs(List<ArchiveRecord> inputs, List<ArchiveRecord> own) {
        Set<String> refs = new HashSet<>();
        Set<String> silences = new HashSet<>();
        for (ArchiveRecord r : own) {
            switch (kind(r)) {
                case "decision" -> refs.add(recordOf(json(r).path("sourceRef").asText()));
                case "ack" -> refs.add(coordinates(r));
                case "mute" -> silences.add(json(r).path("silenceId").asText(""));
                default -> {}
            }
        }
        List<ArchiveRecord> out = new ArrayList<>();
        for (ArchiveRecord r : inputs) {
            boolean mine =
                    switch (kind(r)) {
                        case "silence" -> silences.contains(r.key());
                        case "receipt_raw" -> incidentId.equals(receiptIncident(r));
                        case "tick" -> false;
                        default ->
                                refs.contains(coordinates(r))
                                        && r.eventTime() >= from
                                        && r.eventTime() <= to;
                    };
            if (mine) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean joined(JsonNode decision, String routeId, String groupKey) {
        for (JsonNode route : decision.path("routes")) {
            if (route.isObject() && inGroup(route, routeId, groupKey)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inGroup(JsonNode node, String routeId, String groupKey) {
        return routeId.equals(node.path("routeId").asText())
                && groupKey.equals(node.path("groupKey").asText());
    }

    /** The Kafka record a decision's source reference names: {@code topic/partition/offset}. */
    static String recordOf(String sourceRef) {
        int end = sourceRef.length();
        for (char c : new char[] {'#', '~'}) {
            int at = sourceRef.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return sourceRef.substring(0, end);
    }

    private static String coordinates(ArchiveRecord r) {
        return r.sourceTopic() + "/" + r.sourcePartition() + "/" + r.sourceOffset();
    }

    /** The incident a receipt is about (the dispatcher's receipt JSON), or "". */
    private static String receiptIncident(ArchiveRecord r) {
        try {
            return JSON.readTree(new String(r.raw(), StandardCharsets.UTF_8))
                    .path("incidentId")
                    .asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String hex(String incidentId) {
        int dash = incidentId.indexOf('-');
        return dash < 0 ? incidentId : incidentId.substring(0, dash);
    }

    private static long idTime(String incidentId) {
        int dash = incidentId.indexOf('-');
        try {
            return dash < 0 ? Long.MAX_VALUE : Long.parseLong(incidentId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static String kind(ArchiveRecord r) {
        return r.kind().text();
    }

    static JsonNode json(ArchiveRecord r) {
        try {
            return JSON.readTree(r.payloadJson());
        } catch (IOException e) {
            throw new UncheckedIOException("archive row " + r.id() + ": bad payload", e);
        }
    }

    private static String noSuchIncident(String id, List<ArchiveRecord> archived) {
        TreeSet<String> ids = new TreeSet<>();
        for (ArchiveRecord r : archived) {
            if (kind(r).equals("incident")) {
                ids.add(r.key());
            }
        }
        StringBuilder out = new StringBuilder("no incident " + id + " in the archive");
        if (ids.isEmpty()) {
            return out.append(" (it holds no incident rows)").toString();
        }
        out.append(" (it holds ").append(ids.size()).append(" incidents, e.g. ");
        out.append(String.join(", ", ids.stream().limit(3).toList())).append(')');
        return out.toString();
    }
}

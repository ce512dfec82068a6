package dev.pagerboy.gateway.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckLinkTokenUses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The gateway's materialised view: every incident as the topics tell it, rebuilt from the start of
 * {@code incidents}, {@code notifications}, {@code receipts}, {@code ack-receipts} and {@code acks}
 * whenever the gateway starts, so it holds nothing that is not in Kafka. One reducer per topic;
 * each takes the record's JSON and is idempotent where a topic can repeat (a transition is applied
 * once by its sequence, a receipt once by its idempotency key). Thread-safe: the feed thread
 * applies, request threads read snapshots.
 */
public final class IncidentBoard {

    private final Map<String, Entry> incidents = new HashMap<>();
    private final Map<String, String> incidentByPageKey = new HashMap<>();
    // Topics are read side by side, so a receipt can arrive before its page.
    private final Map<String, JsonNode> receiptsBeforePage = new HashMap<>();
    private final Function<String, List<String>> teamsOfEngineer;
    private final Map<String, String> receiverTeams;
    private final AckLinkTokenUses uses;

    /**
     * @param teamsOfEngineer an engineer's teams by roster name (empty for an unknown name)
     * @param receiverTeams each receiver's team
     * @param uses where link uses read back from {@code acks} go
     */
    public IncidentBoard(
            Function<String, List<String>> teamsOfEngineer,
            Map<String, String> receiverTeams,
            AckLinkTokenUses uses) {
        this.teamsOfEngineer = teamsOfEngineer;
        this.receiverTeams = Map.copyOf(receiverTeams);
        this.uses = uses;
    }

    /** A record of {@code incidents} (the job's {@code IncidentUpdate}). */
    public synchronized void onIncident(JsonNode u) {
        String id = u.path("incidentId").asText("");
        if (id.isEmpty()) {
            return;
        }
        Entry e = entry(id);
        long sequence = u.path("sequence").asLong();
        if (sequence <= e.lastSequence) {
            return;
        }
        e.lastSequence = sequence;
        String change = u.path("change").asText("");
        e.status = u.path("status").asText(e.status);
        e.level = u.path("level").asInt(e.level);
        e.firedAt = u.path("openedAt").asLong(e.firedAt);
        String by = u.path("engineer").asText("");
        long at = u.path("eventTime").asLong();
        switch (change) {
            case "triggered" -> e.add(at, "Fired");
            case "escalated" -> e.add(at, "Escalated to level " + e.level);
            case "acknowledged" -> {
                e.actedBy = by;
                e.acks++;
                e.add(at, "Acknowledged by " + by);
            }
            case "unacknowledged" -> {
                e.actedBy = "";
                e.add(at, "Acknowledgment taken back by " + by);
            }
            case "exhausted" -> e.add(at, "Nobody answered at any level");
            case "resolved" -> {
                if (!by.isEmpty()) {
                    e.actedBy = by;
                    e.acks++;
                }
                e.add(at, by.isEmpty() ? "Resolved" : "Resolved by " + by);
            }
            default -> e.add(at, change);
        }
    }

    /** A record of {@code notifications} (a page). */
    public synchronized void onPage(JsonNode p) {
        String id = p.path("incidentId").asText("");
        if (id.isEmpty()) {
            return;
        }
        Entry e = entry(id);
        String key = p.path("idempotencyKey").asText("");
        if (!key.isEmpty() && incidentByPageKey.putIfAbsent(key, id) != null) {
            return; // a page the job wrote again after a restart
        }
        JsonNode first = p.path("alerts").path(0);
        if (e.title.isEmpty() && first.isObject()) {
            e.fingerprint = first.path("fingerprint").asText("");
            e.severity = first.path("severity").asText("");
            JsonNode labels = first.path("labels");
            labels.fields().forEachRemaining(f -> e.labels.put(f.getKey(), f.getValue().asText()));
            String summary = first.path("summary").asText("");
            e.title = summary.isEmpty() ? e.labels.getOrDefault("alertname", id) : summary;
        }
        String engineer = p.path("engineer").asText("");
        String receiver = p.path("receiver").asText("");
        int level = p.path("level").asInt();
        String who = engineer.isEmpty() ? receiver : engineer;
        e.paged.add(who);
        if (!engineer.isEmpty()) {
            e.teams.addAll(teamsOfEngineer.apply(engineer));
        }
        String team = receiverTeams.get(receiver);
        if (team != null) {
            e.teams.add(team);
        }
        e.add(
                p.path("eventTime").asLong(),
                "Paged " + who + (level > 0 ? " (level " + level + ")" : ""));
        JsonNode early = receiptsBeforePage.remove(key);
        if (early != null) {
            onReceipt(early);
        }
    }

    /** A record of {@code receipts} (the dispatcher's answer for one page). */
    public synchronized void onReceipt(JsonNode r) {
        String key = r.path("idempotencyKey").asText("");
        String id = r.path("incidentId").asText("");
        if (id.isEmpty()) {
            id = incidentByPageKey.getOrDefault(key, "");
        }
        if (id.isEmpty()) {
            if (!key.isEmpty()) {
                receiptsBeforePage.put(key, r);
            }
            return;
        }
        Entry e = entry(id);
        if (!e.receipts.add(key)) {
            return;
        }
        String receiver = r.path("receiver").asText("");
        boolean delivered = "delivered".equals(r.path("outcome").asText(""));
        e.add(
                r.path("deliveredAt").asLong(),
                delivered
                        ? "Delivered to " + receiver
                        : "Delivery to " + receiver + " failed: " + r.path("reason").asText(""));
    }

    /** A record of {@code ack-receipts} (the job's proof that an ack is anchored). */
    public synchronized void onAckReceipt(JsonNode a) {
        String id = a.path("incidentId").asText("");
        if (id.isEmpty()) {
            return;
        }
        Entry e = entry(id);
        String leaf = a.path("leafDigest").asText("");
        for (AnchorProof p : e.proofs) {
            if (p.leafDigest().equals(leaf)) {
                return;
            }
        }
        List<String> proof = new ArrayList<>();
        a.path("proof").forEach(n -> proof.add(n.asText()));
        e.proofs.add(
                new AnchorProof(
                        a.path("engineer").asText(""),
                        a.path("method").asText(""),
                        leaf,
                        a.path("batchId").asText(""),
                        proof,
                        a.path("blockNumber").asLong(),
                        a.path("transactionHash").asText("")));
    }

    /** A record of {@code acks}: a link's action the gateway wrote is used from now on. */
    public synchronized void onAck(JsonNode a) {
        String link = a.path("link").asText("");
        if (link.isEmpty()) {
            return;
        }
        try {
            uses.record(link, AckAction.fromWord(a.path("action").asText("")));
        } catch (IllegalArgumentException e) {
            // not a gateway ack; the job rejects it and dead-letters it
        }
    }

    /** One incident, if the topics named it. */
    public synchronized Optional<IncidentCard> card(String id) {
        Entry e = incidents.get(id);
        return e == null ? Optional.empty() : Optional.of(e.card());
    }

    /** Every incident whose teams include one of {@code teams}, open ones first, newest first. */
    public synchronized List<IncidentCard> forTeams(Collection<String> teams) {
        List<IncidentCard> out = new ArrayList<>();
        for (Entry e : incidents.values()) {
            if (e.teams.stream().anyMatch(teams::contains)) {
                out.add(e.card());
            }
        }
        out.sort(
                Comparator.comparing((IncidentCard c) -> !c.open())
                        .thenComparing(IncidentCard::firedAt, Comparator.reverseOrder())
                        .thenComparing(IncidentCard::id));
        return out;
    }

    public synchronized int size() {
        return incidents.size();
    }

    private Entry entry(String id) {
        return incidents.computeIfAbsent(id, Entry::new);
    }

    /** The mutable state of one incident; only touched under the board's lock. */
    private static final class Entry {
        final String id;
        String title = "";
        String severity = "";
        final Map<String, String> labels = new TreeMap<>();
        String fingerprint = "";
        long firedAt;
        String status = "triggered";
        int level;
        final Set<String> paged = new LinkedHashSet<>();
        final Set<String> teams = new LinkedHashSet<>();
        String actedBy = "";
        long lastSequence;
        int acks;
        final List<TimelineEntry> timeline = new ArrayList<>();
        final Set<String> receipts = new java.util.HashSet<>();
        final List<AnchorProof> proofs = new ArrayList<>();

        Entry(String id) {
            this.id = id;
        }

        void add(long at, String what) {
            timeline.add(new TimelineEntry(at, what));
        }

        IncidentCard card() {
            List<TimelineEntry> ordered = new ArrayList<>(timeline);
            ordered.sort(Comparator.comparingLong(TimelineEntry::at));
            return new IncidentCard(
                    id,
                    title.isEmpty() ? id : title,
                    severity,
                    Map.copyOf(labels),
                    fingerprint,
                    firedAt,
                    status,
                    level,
                    List.copyOf(paged),
                    Set.copyOf(teams),
                    actedBy,
                    List.copyOf(ordered),
                    List.copyOf(proofs),
                    acks > proofs.size());
        }
    }
}

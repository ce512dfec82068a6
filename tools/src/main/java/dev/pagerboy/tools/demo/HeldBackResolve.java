package dev.pagerboy.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.datasets.Envelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one record {@code demo --gateway} leaves out so that a person has an open incident to
 * acknowledge: the shipped sample resolves every alert before it ends, so without this the gateway
 * would have no link to offer. It is the dataset's last resolve of an alert that fired earlier in
 * the dataset, preferring an alert labelled {@code severity="critical"} (the shipped routing pages
 * those through an escalation policy; a warning may be throttled or grouped away by its handler);
 * without it that alert is still firing when the run ends, and its incident stays open. The choice
 * depends only on the dataset, so every run leaves the same incident open.
 *
 * @param record the resolve that is not sent
 * @param fingerprint the alert it would have resolved
 * @param rest the dataset without it, in its order
 */
record HeldBackResolve(Envelope record, String fingerprint, List<Envelope> rest) {

    private static final ObjectMapper JSON = new ObjectMapper();

    HeldBackResolve {
        rest = List.copyOf(rest);
    }

    /**
     * The last resolve of a critical alert that fired before it, else the last resolve of any alert
     * that did; empty when the dataset has neither.
     */
    static Optional<HeldBackResolve> lastOf(List<Envelope> dataset) {
        // Alerts seen firing, and whether they were critical when they last fired.
        Map<String, Boolean> fired = new HashMap<>();
        int chosen = -1;
        String fingerprint = null;
        boolean critical = false;
        for (int i = 0; i < dataset.size(); i++) {
            Envelope e = dataset.get(i);
            if (!Envelope.ALERTS.equals(e.topic()) || e.payloadIsText()) {
                continue;
            }
            for (AlertState a : states(e)) {
                if (a.firing()) {
                    fired.put(a.fingerprint(), a.critical());
                } else if (fired.containsKey(a.fingerprint())) {
                    boolean isCritical = fired.get(a.fingerprint());
                    if (isCritical || !critical) {
                        chosen = i;
                        fingerprint = a.fingerprint();
                        critical = isCritical;
                    }
                }
            }
        }
        if (chosen < 0) {
            return Optional.empty();
        }
        List<Envelope> rest = new ArrayList<>(dataset);
        Envelope record = rest.remove(chosen);
        return Optional.of(new HeldBackResolve(record, fingerprint, rest));
    }

    /** One alert's state in a record: its fingerprint, whether it fires, whether it is critical. */
    record AlertState(String fingerprint, boolean firing, boolean critical) {}

    /**
     * The alerts a record reports: each alert of an Alertmanager webhook, or the one event of a
     * PagerDuty Events v2 message (keyed by its dedup key, which the datasets use as fingerprint).
     * Anything else reports nothing and is never held back.
     */
    static List<AlertState> states(Envelope e) {
        JsonNode root;
        try {
            root = JSON.readTree(e.payload());
        } catch (java.io.IOException notJson) {
            return List.of();
        }
        List<AlertState> states = new ArrayList<>();
        if (root.path("alerts").isArray()) {
            for (JsonNode a : root.path("alerts")) {
                String fp = a.path("fingerprint").asText("");
                if (!fp.isEmpty()) {
                    states.add(
                            new AlertState(
                                    fp,
                                    !"resolved".equals(a.path("status").asText()),
                                    "critical".equals(a.path("labels").path("severity").asText())));
                }
            }
        } else if (root.hasNonNull("event_action")) {
            String action = root.path("event_action").asText();
            String key = root.path("dedup_key").asText(e.key());
            if (action.equals("trigger") || action.equals("resolve")) {
                // A resolve event carries no severity; only its trigger's counts.
                boolean critical =
                        "critical".equals(root.path("payload").path("severity").asText());
                states.add(new AlertState(key, action.equals("trigger"), critical));
            }
        }
        return states;
    }
}

package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.records.GroupKeyHash;
import java.util.regex.Pattern;

/**
 * The incident id format shared with the dispatcher, the gateway and the ledger: {@code
 * <hex16>-<groupBornAt epoch ms>}, where hex16 is the first 8 bytes of {@code
 * sha256(routeId|groupKey)} (the notification idempotency key without its flush sequence). The
 * incident stage is keyed by the hex16 part, so an ack, which names only the incident id, reaches
 * the state of the group that opened it.
 */
public final class IncidentIds {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}-[0-9]{1,19}");

    private IncidentIds() {}

    /** Whether {@code id} has the incident id form. */
    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The key of the incident stage for incident {@code id}: its hex16 prefix. */
    public static String key(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    /**
     * The id of the incident that the group of route {@code routeId} with group key {@code
     * groupKey}, born at {@code bornAt} (the event time of the alert that created it), opens.
     */
    public static String ofGroup(String routeId, String groupKey, long bornAt) {
        return of(GroupKeyHash.of(routeId + "|" + groupKey), bornAt);
    }

    /** The id of an incident of the group with key {@code key} opened at {@code time}. */
    public static String of(String key, long time) {
        return key + "-" + time;
    }

    /** An escalation page's idempotency key: {@code <incidentId>/<step>/<engineer>}. */
    public static String pageKey(String incidentId, int step, String target) {
        return incidentId + "/" + step + "/" + target;
    }
}

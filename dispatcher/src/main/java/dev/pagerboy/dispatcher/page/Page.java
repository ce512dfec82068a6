package dev.pagerboy.dispatcher.page;

import java.util.List;
import java.util.Map;

/**
 * A page as the job commits it to the {@code notifications} topic (JSON of the job's {@code
 * Notification} record plus the incident fields of the session contract). The dispatcher reads the
 * JSON itself rather than sharing the job's classes, so it carries no Flink; fields it does not
 * know are ignored, and fields an older job does not write read as empty.
 *
 * @param idempotencyKey stable across retries, restarts and replays; the receipt's key
 * @param receiver the receiver's name in {@code pagerboy.yaml}
 * @param routeId the route that produced the page
 * @param groupKey the group key within the route
 * @param flushSequence the group's flush sequence
 * @param eventTime event time of the flush (epoch ms)
 * @param status {@code firing} or {@code resolved}
 * @param groupLabels the group-by labels
 * @param alerts the alerts the page carries
 * @param incidentId the incident, or {@code ""}
 * @param engineer the paged engineer's roster name, or {@code ""}
 * @param level the escalation level (0 without a policy)
 * @param step the escalation step counter
 */
public record Page(
        String idempotencyKey,
        String receiver,
        String routeId,
        String groupKey,
        long flushSequence,
        long eventTime,
        String status,
        Map<String, String> groupLabels,
        List<PageAlert> alerts,
        String incidentId,
        String engineer,
        int level,
        int step) {

    public Page {
        receiver = receiver == null ? "" : receiver;
        routeId = routeId == null ? "" : routeId;
        groupKey = groupKey == null ? "" : groupKey;
        status = status == null ? "firing" : status;
        groupLabels = groupLabels == null ? Map.of() : groupLabels;
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        incidentId = incidentId == null ? "" : incidentId;
        engineer = engineer == null ? "" : engineer;
    }

    /** Whether any alert of the page still fires. */
    public boolean firing() {
        return "firing".equals(status);
    }
}

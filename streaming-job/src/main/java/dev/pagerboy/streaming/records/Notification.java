package dev.pagerboy.streaming.records;

import java.util.List;
import java.util.Map;

/**
 * A page to send: one per group flush that notifies on a route without an escalation policy, and
 * one per engineer (or receiver) an escalation level pages. The {@link #idempotencyKey} is stable
 * across restarts and replays (group key, when the group was born, and the group's flush sequence),
 * so a dispatcher that retries after a crash, or a replay that recomputes history, produces the
 * same key and the receiver recognises the repeat.
 *
 * @param idempotencyKey {@code hex(sha256(routeId|groupKey)[0..8])-groupBornAt-flushSequence},
 *     where groupBornAt is the event time of the alert that created the group (a group key can be
 *     reborn after its group emptied, and must not reuse an old key)
 * @param receiver the receiver's name in {@code pagerboy.yaml}
 * @param routeId the route
 * @param groupKey the group key within the route
 * @param flushSequence the group's flush sequence (1, 2, …)
 * @param eventTime event time of the flush
 * @param status {@code firing} when any carried alert fires, else {@code resolved}
 * @param groupLabels the {@code group_by} labels and their values
 * @param alerts the alerts, sorted by fingerprint
 * @param incidentId the incident the page is about: {@code hex16-groupBornAt} (the idempotency
 *     key's first two parts, see {@code incidents/IncidentIds})
 * @param engineer the roster name of the engineer paged, or {@code ""} for a receiver's page
 * @param level the escalation level (1, 2, …), 0 when the route has no policy
 * @param step the incident's escalation step counter (1 for the first level paged, +1 per level
 *     paged, across repeats), 0 when the route has no policy; escalation pages' idempotency key is
 *     {@code incidentId/step/engineer}
 */
public record Notification(
        String idempotencyKey,
        String receiver,
        String routeId,
        String groupKey,
        long flushSequence,
        long eventTime,
        String status,
        Map<String, String> groupLabels,
        List<NotifiedAlert> alerts,
        String incidentId,
        String engineer,
        int level,
        int step) {

    /** This page sent to {@code receiver} for {@code engineer} at an escalation step. */
    public Notification escalation(
            String key, String receiver, String engineer, int level, int step, long eventTime) {
        return new Notification(
                key,
                receiver,
                routeId,
                groupKey,
                flushSequence,
                eventTime,
                status,
                groupLabels,
                alerts,
                incidentId,
                engineer,
                level,
                step);
    }

    /** This page for incident {@code id} (a group that fired again after its incident resolved). */
    public Notification forIncident(String id) {
        return new Notification(
                idempotencyKey,
                receiver,
                routeId,
                groupKey,
                flushSequence,
                eventTime,
                status,
                groupLabels,
                alerts,
                id,
                engineer,
                level,
                step);
    }
}

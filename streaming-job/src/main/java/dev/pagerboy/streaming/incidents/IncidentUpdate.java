package dev.pagerboy.streaming.incidents;

/**
 * One incident transition, as written to the {@code incidents} topic (keyed by incident id) and
 * archived as an {@code incident} row. The state after the transition, so a consumer needs only the
 * latest record of an incident.
 *
 * @param incidentId the incident
 * @param sequence the incident's transition counter (1 for {@code triggered}), unique per incident
 * @param change what happened
 * @param status the status after it
 * @param eventTime when, epoch ms (event time)
 * @param routeId the route of the group that opened it
 * @param groupKey the group key
 * @param policy the escalation policy, or {@code ""}
 * @param level the escalation level last paged (0 before the first, or without a policy)
 * @param step the escalation step counter
 * @param engineer who acknowledged or resolved it (roster name), or {@code ""}
 * @param openedAt when it was triggered, epoch ms
 */
public record IncidentUpdate(
        String incidentId,
        long sequence,
        IncidentChange change,
        IncidentStatus status,
        long eventTime,
        String routeId,
        String groupKey,
        String policy,
        int level,
        int step,
        String engineer,
        long openedAt) {

    /** The archive row id's reference and a stable identity: {@code <incidentId>/<sequence>}. */
    public String ref() {
        return incidentId + "/" + sequence;
    }
}

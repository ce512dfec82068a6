package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.records.Notification;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident as the incident stage keeps it in keyed state: its status, where its escalation is,
 * the signatures of the acks it accepted (to tell replays), and the group's latest page (what an
 * escalation page carries).
 *
 * @param id the incident id ({@link IncidentIds})
 * @param groupIncidentId the id the group's notifications carry (equal to {@code id} unless the
 *     group fired again after its incident was resolved, which opens a new incident)
 * @param policy the escalation policy's name, or {@code ""} (the route's receiver is paged)
 * @param status where it is in its life
 * @param openedAt when it was triggered
 * @param changedAt when its status last changed (for a resolved incident: when it was resolved)
 * @param engineer who acknowledged or resolved it (roster name), or {@code ""}
 * @param level the escalation level last paged (0 before the first)
 * @param round the repeat round (0 for the first pass through the levels)
 * @param step the number of levels paged so far (the page step counter)
 * @param nextEscalationAt when the next level (or the final action) is due, 0 when none is
 * @param transitions how many transitions were emitted (the last one's sequence)
 * @param acceptedAcks how many acks were accepted (the last leaf's sequence)
 * @param signatures hashes of the accepted acks' signatures
 * @param page the group's latest notification
 */
public record Incident(
        String id,
        String groupIncidentId,
        String policy,
        IncidentStatus status,
        long openedAt,
        long changedAt,
        String engineer,
        int level,
        int round,
        int step,
        long nextEscalationAt,
        long transitions,
        long acceptedAcks,
        List<String> signatures,
        Notification page) {

    /** A new, triggered incident (no transition emitted yet). */
    static Incident open(String id, Notification flush, String policy) {
        return new Incident(
                id,
                flush.incidentId(),
                policy,
                IncidentStatus.TRIGGERED,
                flush.eventTime(),
                flush.eventTime(),
                "",
                0,
                0,
                0,
                0L,
                0L,
                0L,
                List.of(),
                flush.forIncident(id));
    }

    boolean open() {
        return status != IncidentStatus.RESOLVED;
    }

    boolean hasPolicy() {
        return !policy.isEmpty();
    }

    Incident withStatus(IncidentStatus next, long time, String by) {
        return new Incident(
                id,
                groupIncidentId,
                policy,
                next,
                openedAt,
                time,
                by,
                level,
                round,
                step,
                next == IncidentStatus.TRIGGERED ? nextEscalationAt : 0L,
                transitions,
                acceptedAcks,
                signatures,
                page);
    }

    Incident withEscalation(int nextLevel, int nextRound, int nextStep, long nextAt) {
        return new Incident(
                id,
                groupIncidentId,
                policy,
                status,
                openedAt,
                changedAt,
                engineer,
                nextLevel,
                nextRound,
                nextStep,
                nextAt,
                transitions,
                acceptedAcks,
                signatures,
                page);
    }

    Incident withPage(Notification flush) {
        return new Incident(
                id,
                groupIncidentId,
                policy,
                status,
                openedAt,
                changedAt,
                engineer,
                level,
                round,
                step,
                nextEscalationAt,
                transitions,
                acceptedAcks,
                signatures,
                flush.forIncident(id));
    }

    Incident withAcceptedAck(String signatureHash) {
        List<String> seen = new ArrayList<>(signatures);
        seen.add(signatureHash);
        return new Incident(
                id,
                groupIncidentId,
                policy,
                status,
                openedAt,
                changedAt,
                engineer,
                level,
                round,
                step,
                nextEscalationAt,
                transitions,
                acceptedAcks + 1,
                List.copyOf(seen),
                page);
    }

    /** This incident after one more transition, and that transition as a record. */
    Incident counted() {
        return new Incident(
                id,
                groupIncidentId,
                policy,
                status,
                openedAt,
                changedAt,
                engineer,
                level,
                round,
                step,
                nextEscalationAt,
                transitions + 1,
                acceptedAcks,
                signatures,
                page);
    }

    /** The transition record of {@code change}, given this incident after it (already counted). */
    IncidentUpdate update(IncidentChange change, long time) {
        return new IncidentUpdate(
                id,
                transitions,
                change,
                status,
                time,
                page.routeId(),
                page.groupKey(),
                policy,
                level,
                step,
                engineer,
                openedAt);
    }
}

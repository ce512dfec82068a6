package dev.pagerboy.audit.incident;

/**
 * One incident as its archived transitions and pages describe it: the facts {@code incident list}
 * shows and {@code report mtta} aggregates.
 *
 * @param incidentId the incident
 * @param routeId the route of the group that opened it
 * @param receiver the receiver of its first page, or {@code ""}
 * @param openedAt when it was triggered, epoch ms
 * @param ackedAt its first acknowledgment, epoch ms, or {@code -1}
 * @param ackedBy who acknowledged first (roster name), or {@code ""}
 * @param status the status after its last transition
 * @param escalatedAt when a level above the first was first paged, epoch ms, or {@code -1}
 */
public record IncidentFacts(
        String incidentId,
        String routeId,
        String receiver,
        long openedAt,
        long ackedAt,
        String ackedBy,
        String status,
        long escalatedAt) {

    public boolean acknowledged() {
        return ackedAt >= 0;
    }

    /** Time to acknowledge, ms; only for an acknowledged incident. */
    public long timeToAck() {
        return ackedAt - openedAt;
    }

    /** Acknowledged before its escalation paged a second level (or it never did). */
    public boolean ackedBeforeEscalation() {
        return acknowledged() && (escalatedAt < 0 || ackedAt < escalatedAt);
    }

    /**
     * Acknowledged late: only after its escalation had paged a second level, i.e. after the first
     * level's time to acknowledge ran out ({@code incident list --late}).
     */
    public boolean ackedAfterEscalation() {
        return acknowledged() && !ackedBeforeEscalation();
    }

    /** Acknowledged more than {@code limitMillis} after it was triggered ({@code --late-after}). */
    public boolean ackedLaterThan(long limitMillis) {
        return acknowledged() && timeToAck() > limitMillis;
    }
}

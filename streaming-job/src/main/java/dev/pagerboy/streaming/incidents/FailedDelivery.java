package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.records.RawInput;

/**
 * A dispatcher's receipt saying a page could not be delivered, for good (the dispatcher already
 * retried): the incident stage escalates the page's incident to its next level at the receipt's
 * event time instead of waiting for the level's ack timeout. Only failed receipts reach the stage;
 * delivered ones are archived ({@code receipt_raw}) and change nothing.
 *
 * @param input the {@code receipts} record as it arrived (its timestamp is the event time)
 * @param idempotencyKey the failed page's key: {@code <incidentId>/<step>/<target>} for an
 *     escalation page
 * @param incidentId the page's incident
 * @param receiver the receiver the page named
 * @param reason why the dispatcher gave up
 * @param attempts how many delivery attempts it made
 */
public record FailedDelivery(
        RawInput input,
        String idempotencyKey,
        String incidentId,
        String receiver,
        String reason,
        int attempts) {

    /** The incident stage's key: the incident id's hex16 prefix. */
    public String key() {
        return IncidentIds.key(incidentId);
    }

    /**
     * The escalation step the failed page belonged to, from its idempotency key, or -1 when the
     * page was not an escalation page of {@link #incidentId} (a route without a policy pages with
     * the group's key).
     */
    public int step() {
        String prefix = incidentId + "/";
        if (!idempotencyKey.startsWith(prefix)) {
            return -1;
        }
        int end = idempotencyKey.indexOf('/', prefix.length());
        if (end < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(idempotencyKey.substring(prefix.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether this failure moves {@code incident} on at once: it is still triggered, escalates by a
     * policy that has a next level (or final action) armed, and the failed page belongs to the
     * level it is at. A failure of an earlier level (the incident has moved on, or a duplicate
     * receipt after a dispatcher failover) changes nothing, so one failure escalates once.
     */
    boolean escalates(Incident incident) {
        return incident.id().equals(incidentId)
                && incident.status() == IncidentStatus.TRIGGERED
                && incident.hasPolicy()
                && incident.nextEscalationAt() != 0L
                && incident.step() == step();
    }
}

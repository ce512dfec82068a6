package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.records.Notification;

/**
 * One input of the incident stage: a group flush that notifies, or an ack that passed the stateless
 * checks. One stream of both, keyed alike, so that the stage can buffer them together and apply
 * them in event-time order (the two would otherwise interleave as scheduling has it). Exactly one
 * of the two is set.
 *
 * @param flush a group's notification, or {@code null}
 * @param ack an ack, or {@code null}
 */
public record IncidentSignal(Notification flush, AckClaim ack) {

    public static IncidentSignal of(Notification flush) {
        return new IncidentSignal(flush, null);
    }

    public static IncidentSignal of(AckClaim ack) {
        return new IncidentSignal(null, ack);
    }

    /** The incident stage's key: the group's hex16, which starts every incident id. */
    public String key() {
        return flush != null ? IncidentIds.key(flush.incidentId()) : ack.key();
    }

    /** Event time. */
    public long eventTime() {
        return flush != null ? flush.eventTime() : ack.input().timestamp();
    }

    /**
     * The order within one event time: flushes before acks (an ack at the instant an incident opens
     * finds it), flushes by idempotency key, acks by their source coordinates.
     */
    String order() {
        return flush != null
                ? "0|" + flush.idempotencyKey()
                : "1|"
                        + ack.input().topic()
                        + "|"
                        + String.format(
                                "%010d|%020d", ack.input().partition(), ack.input().offset());
    }
}

package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;

/**
 * One input of the incident stage: a group flush that notifies, an ack that passed the stateless
 * checks, or a page the dispatcher failed to deliver. One stream of all three, keyed alike, so that
 * the stage can buffer them together and apply them in event-time order (they would otherwise
 * interleave as scheduling has it). Exactly one of the three is set.
 *
 * @param flush a group's notification, or {@code null}
 * @param ack an ack, or {@code null}
 * @param failure a failed delivery receipt, or {@code null}
 */
public record IncidentSignal(Notification flush, AckClaim ack, FailedDelivery failure) {

    public static IncidentSignal of(Notification flush) {
        return new IncidentSignal(flush, null, null);
    }

    public static IncidentSignal of(AckClaim ack) {
        return new IncidentSignal(null, ack, null);
    }

    public static IncidentSignal of(FailedDelivery failure) {
        return new IncidentSignal(null, null, failure);
    }

    /** The incident stage's key: the group's hex16, which starts every incident id. */
    public String key() {
        if (flush != null) {
            return IncidentIds.key(flush.incidentId());
        }
        return ack != null ? ack.key() : failure.key();
    }

    /** The ack's or receipt's record, or {@code null} for a flush. */
    public RawInput input() {
        if (flush != null) {
            return null;
        }
        return ack != null ? ack.input() : failure.input();
    }

    /** Event time. */
    public long eventTime() {
        if (flush != null) {
            return flush.eventTime();
        }
        return ack != null ? ack.input().timestamp() : failure.input().timestamp();
    }

    /**
     * The order within one event time: flushes before acks (an ack at the instant an incident opens
     * finds it), acks before failed deliveries (an incident acknowledged at the instant its page
     * failed does not escalate), flushes by idempotency key, the others by their source
     * coordinates.
     */
    String order() {
        if (flush != null) {
            return "0|" + flush.idempotencyKey();
        }
        return ack != null ? "1|" + coordinates(ack.input()) : "2|" + coordinates(failure.input());
    }

    private static String coordinates(RawInput input) {
        return input.topic()
                + "|"
                + String.format("%010d|%020d", input.partition(), input.offset());
    }
}

package dev.pagerboy.audit.verify;

/**
 * The verdict on one archived acknowledgment.
 *
 * @param place the archive row it is about ({@code ack:acks/0/7} or {@code ack_receipt:0x…})
 * @param incidentId the acknowledged incident
 * @param engineer who acknowledged (0x address), as archived
 * @param ackedAtMillis when, as archived
 * @param status the verdict
 * @param reason why it failed or is not anchored; {@code ""} when verified
 */
public record AckCheck(
        String place,
        String incidentId,
        String engineer,
        long ackedAtMillis,
        AckStatus status,
        String reason) {}

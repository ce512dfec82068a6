package dev.pagerboy.dispatcher.receipts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pagerboy.dispatcher.delivery.Outcome;

/**
 * The answer to "was this page delivered?", one per page on the {@code receipts} topic (keyed by
 * the idempotency key), in the session contract's JSON shape. The job reads receipts as an input: a
 * failed one escalates the incident at once.
 *
 * @param idempotencyKey the page's key (also the record key)
 * @param incidentId the page's incident, or {@code ""}
 * @param receiver the receiver the page named
 * @param outcome delivered or failed
 * @param reason why it failed; {@code ""} when delivered
 * @param attempts delivery attempts made (0: never attempted)
 * @param latencyMs from the page record's timestamp in {@code notifications} to the end of delivery
 * @param replica the replica that delivered ({@code --replica-id})
 * @param deliveredAt when the delivery ended, epoch ms (also for a failed one)
 */
@JsonPropertyOrder({
    "idempotencyKey",
    "incidentId",
    "receiver",
    "outcome",
    "reason",
    "attempts",
    "latencyMs",
    "replica",
    "deliveredAt"
})
public record Receipt(
        String idempotencyKey,
        String incidentId,
        String receiver,
        Outcome outcome,
        String reason,
        int attempts,
        long latencyMs,
        int replica,
        long deliveredAt) {}

package dev.pagerboy.streaming.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.JsonFields;
import dev.pagerboy.streaming.records.RawInput;
import java.io.Serializable;

/**
 * Reads one record of the {@code receipts} topic, the dispatchers' answer to "was this page
 * delivered?" in the session contract's JSON ({@code idempotencyKey}, {@code incidentId}, {@code
 * receiver}, {@code outcome} delivered|failed, {@code reason}, {@code attempts}, …). Stateless, so
 * that the parse stage can reject a malformed record before it is shuffled.
 */
public final class DeliveryReceiptCheck implements Serializable {

    /** Field errors name the field alone: the dead letter says it is a receipt. */
    private static final String PREFIX = "";

    /** What one receipt record says. */
    public enum Verdict {
        /** The page reached its receiver. */
        DELIVERED,
        /** The dispatcher gave up on the page: the incident escalates ({@link FailedDelivery}). */
        FAILED,
        /** Not a receipt (bad JSON, missing field, unknown outcome). */
        MALFORMED
    }

    /**
     * The verdict on one record.
     *
     * @param verdict what it says
     * @param failure the failure when {@link Verdict#FAILED} and it names an incident, else {@code
     *     null}
     * @param detail why it is malformed, else {@code ""}
     */
    public record Result(Verdict verdict, FailedDelivery failure, String detail) {}

    /** Checks {@code input}; never throws. */
    public Result check(RawInput input) {
        try {
            JsonNode json = JsonFields.object(JsonFields.parse(input.value()), "record", PREFIX);
            String key =
                    JsonFields.requiredString(json, "idempotencyKey", "idempotencyKey", PREFIX);
            String incident = JsonFields.optionalString(json, "incidentId", "incidentId", PREFIX);
            String outcome = JsonFields.requiredString(json, "outcome", "outcome", PREFIX);
            switch (outcome) {
                case "delivered":
                    return new Result(Verdict.DELIVERED, null, "");
                case "failed":
                    break;
                default:
                    throw new InvalidRecord(
                            "outcome '"
                                    + outcome
                                    + "' is not a receipt outcome (expected delivered or failed)");
            }
            if (incident == null || !IncidentIds.valid(incident)) {
                // A page without an incident (none is written today) has nothing to escalate.
                return new Result(Verdict.FAILED, null, "");
            }
            String receiver = JsonFields.optionalString(json, "receiver", "receiver", PREFIX);
            String reason = JsonFields.optionalString(json, "reason", "reason", PREFIX);
            JsonNode attempts = json.get("attempts");
            return new Result(
                    Verdict.FAILED,
                    new FailedDelivery(
                            input,
                            key,
                            incident,
                            receiver == null ? "" : receiver,
                            reason == null ? "" : reason,
                            attempts != null && attempts.canConvertToInt()
                                    ? attempts.intValue()
                                    : 0),
                    "");
        } catch (InvalidRecord e) {
            return new Result(Verdict.MALFORMED, null, e.getMessage());
        }
    }
}

package dev.pagerboy.streaming.incidents;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.streaming.records.RawInput;

/**
 * A record of the {@code acks} topic that passed every check that needs no incident state: it is
 * the canonical text, its signature recovers to the engineer it names, that engineer is on the
 * roster, and its {@code acked_at} is within the allowed skew. The incident stage decides the rest.
 *
 * @param input the record as it arrived (for its archive row and, if rejected, its dead letter)
 * @param incidentId the incident the ack names
 * @param fingerprint the alert fingerprint the ack names
 * @param engineer the signer's lowercase address
 * @param engineerName the signer's roster name
 * @param action ack, unack or resolve
 * @param ackedAt the signed time, epoch ms
 * @param signature {@code 0x} and 130 hex digits
 * @param signatureHash keccak256 of the signature bytes, {@code 0x} hex: what replays are told by
 *     (for a PagerDuty event, {@code pagerduty:} and its event id)
 * @param origin signed by the engineer, by a trusted ack gateway for them, or a PagerDuty event
 *     (then {@code incidentId} is empty until {@link PagerDutyAckFunction} finds the incident, and
 *     engineer and signature are empty)
 */
public record AckClaim(
        RawInput input,
        String incidentId,
        String fingerprint,
        String engineer,
        String engineerName,
        AckAction action,
        long ackedAt,
        String signature,
        String signatureHash,
        AckOrigin origin) {

    /** The roster-name column of a PagerDuty event's verdict: PagerDuty acted, not an engineer. */
    public static final String PAGERDUTY = "pagerduty";

    /** This ack for incident {@code id} (a PagerDuty event, once its incident is found). */
    public AckClaim forIncident(String id) {
        return new AckClaim(
                input,
                id,
                fingerprint,
                engineer,
                engineerName,
                action,
                ackedAt,
                signature,
                signatureHash,
                origin);
    }

    /** The method this ack's ledger leaf records (signed acks only). */
    public AckMethod method() {
        return origin.leafMethod();
    }

    boolean fromPagerDuty() {
        return origin == AckOrigin.PAGERDUTY;
    }

    /** The incident stage's key: the incident id's hex16 prefix. */
    public String key() {
        return IncidentIds.key(incidentId);
    }
}

package dev.pagerboy.streaming.incidents;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.contracts.ack.InvalidAckSignatureException;

/**
 * An ack that took effect, in plain fields so it travels between Flink operators as a POJO; {@link
 * #leaf()} turns it into the ledger's {@link AckLeaf} right before the anchoring sink.
 *
 * @param incidentId the incident
 * @param fingerprint the alert fingerprint the ack names
 * @param engineer the signer's lowercase address
 * @param action ack, unack or resolve
 * @param ackedAt the signed time, epoch ms
 * @param signature the signature, {@code 0x} hex
 * @param sequence the incident's accepted-ack counter (1, 2, …): deterministic, so a replay gives
 *     the same leaves
 * @param method who signed: the engineer, or a trusted ack gateway for them
 */
public record AcceptedAck(
        String incidentId,
        String fingerprint,
        String engineer,
        AckAction action,
        long ackedAt,
        String signature,
        long sequence,
        AckMethod method) {

    /** The ledger leaf. */
    public AckLeaf leaf() {
        try {
            return new AckLeaf(
                    incidentId,
                    fingerprint,
                    engineer,
                    ackedAt,
                    AckSignature.fromHex(signature).hash(),
                    sequence,
                    method);
        } catch (InvalidAckSignatureException e) {
            throw new IllegalStateException("an accepted ack's signature was verified", e);
        }
    }
}

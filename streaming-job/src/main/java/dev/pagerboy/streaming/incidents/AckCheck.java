package dev.pagerboy.streaming.incidents;

import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.JsonFields;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.contracts.ack.InvalidAckSignatureException;
import dev.pagerboy.streaming.config.AckSettings;
import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.records.RawInput;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The checks on an ack that need no incident state: canonical signed-ack message, a signature that
 * recovers to the engineer the text names (or to a trusted ack gateway signing for them), an
 * engineer on the roster, {@code acked_at} within the allowed skew of the record's event time, and
 * an incident id of the right form. Pure, so the parse stage before the keyed incident stage runs
 * it in parallel without state.
 */
public final class AckCheck implements Serializable {

    /**
     * The result: a claim for the incident stage, or a rejection.
     *
     * @param claim the checked ack, or {@code null} when rejected
     * @param verdict {@link AckVerdict#ACCEPTED} (so far) or why not
     * @param detail what exactly was wrong, for the dead letter
     * @param incidentId the incident the ack names, or {@code ""} when unreadable
     */
    public record Result(AckClaim claim, AckVerdict verdict, String detail, String incidentId) {

        static Result rejected(AckVerdict verdict, String detail, String incidentId) {
            return new Result(null, verdict, detail, incidentId);
        }
    }

    private final Map<String, String> namesByAddress = new HashMap<>();
    private final Set<String> gatewaySigners;
    private final long maxSkewMillis;

    public AckCheck(Map<String, Engineer> roster, AckSettings settings) {
        for (Engineer e : roster.values()) {
            namesByAddress.put(e.address(), e.name());
        }
        this.gatewaySigners = new HashSet<>(settings.gatewaySigners());
        this.maxSkewMillis = settings.maxSkew().toMillis();
    }

    public Result check(RawInput input) {
        SignedAck signed;
        try {
            signed = SignedAck.read(JsonFields.parse(input.value()));
        } catch (InvalidRecord e) {
            return Result.rejected(AckVerdict.MALFORMED, e.getMessage(), "");
        }
        AckText text = signed.text();
        String incident = text.incidentId();
        String signer;
        AckSignature signature;
        try {
            signature = AckSignature.fromHex(signed.signature());
            signer = signature.recoverSigner(text);
        } catch (InvalidAckSignatureException e) {
            return Result.rejected(AckVerdict.BAD_SIGNATURE, e.getMessage(), incident);
        }
        // A trusted ack gateway signs for the engineer who pressed its one-time link.
        AckMethod method =
                signer.equals(text.engineer())
                        ? AckMethod.SELF_SIGNED
                        : gatewaySigners.contains(signer) ? AckMethod.GATEWAY_ONE_TIME_LINK : null;
        if (method == null) {
            return Result.rejected(
                    AckVerdict.BAD_SIGNATURE,
                    "signed by " + signer + ", not by " + text.engineer(),
                    incident);
        }
        String name = namesByAddress.get(text.engineer());
        if (name == null) {
            return Result.rejected(
                    AckVerdict.NOT_ON_ROSTER, text.engineer() + " is on no roster entry", incident);
        }
        long skew = text.ackedAtMillis() - input.timestamp();
        if (Math.abs(skew) > maxSkewMillis) {
            return Result.rejected(
                    AckVerdict.OUTSIDE_SKEW,
                    "acked_at is "
                            + Math.abs(skew)
                            + " ms "
                            + (skew < 0 ? "before" : "after")
                            + " the record's time (allowed: "
                            + maxSkewMillis
                            + " ms)",
                    incident);
        }
        if (!IncidentIds.valid(incident)) {
            return Result.rejected(
                    AckVerdict.UNKNOWN_INCIDENT,
                    "\"" + incident + "\" is not an incident id (expected <hex16>-<epoch ms>)",
                    incident);
        }
        AckClaim claim =
                new AckClaim(
                        input,
                        incident,
                        text.fingerprint(),
                        text.engineer(),
                        name,
                        text.action(),
                        text.ackedAtMillis(),
                        signature.toHex(),
                        signature.hash().toHex(),
                        method);
        return new Result(claim, AckVerdict.ACCEPTED, "", incident);
    }
}

package dev.pagerboy.datasets.gen;

import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * Signs the canonical acknowledgment text ({@link AckText}, shared with the contracts module and
 * the job) with EIP-191 {@code personal_sign} (web3j's RFC 6979 deterministic ECDSA, so the same
 * key and text always give the same signature bytes).
 */
public final class AckSigner {
    private AckSigner() {}

    /** Signs {@code text} with {@code signer}; a forgery when the signer is not the engineer. */
    public static SignedAck sign(AckText text, ECKeyPair signer) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(text.bytes(), signer);
        return new SignedAck(text, toHex(signature));
    }

    /** {@code 0x} followed by r, s and v as 130 lowercase hex digits. */
    public static String toHex(Sign.SignatureData signature) {
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        StringBuilder hex = new StringBuilder(132).append("0x");
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16))
                    .append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}

package dev.pagerboy.datasets.gen;

import dev.pagerboy.datasets.format.AckMessage;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * Signs acknowledgment texts with EIP-191 {@code personal_sign} (web3j's RFC 6979 deterministic
 * ECDSA, so the same key and text always give the same signature bytes).
 */
public final class AckSigner {
    private AckSigner() {}

    /**
     * Builds an ack claiming {@code engineer}, signed by {@code signer} (a forger when different).
     */
    public static AckMessage sign(
            String incident,
            String fingerprint,
            String engineer,
            long ackedAtMs,
            ECKeyPair signer) {
        String text = AckMessage.signedText(incident, fingerprint, engineer, ackedAtMs);
        Sign.SignatureData signature =
                Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), signer);
        return new AckMessage(incident, fingerprint, engineer, ackedAtMs, toHex(signature));
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

package dev.pagerboy.datasets.format;

import dev.pagerboy.datasets.model.Json;
import dev.pagerboy.datasets.model.Rfc3339;

/**
 * A signed acknowledgment, {@code pagerboy/v1} kind {@code ack}. {@link #signedText} is exactly
 * what the engineer signs with EIP-191 {@code personal_sign}; the job's ack gateway rebuilds it
 * from the message fields to recover the signer.
 *
 * @param incident {@code <fingerprint>:<startsAt epoch ms>}
 * @param fingerprint the alert fingerprint
 * @param engineer the engineer's address, {@code 0x} and 40 lowercase hex digits
 * @param ackedAtMs when the engineer acknowledged, epoch milliseconds
 * @param signature {@code 0x} r‖s‖v (65 bytes, v = 27 or 28)
 */
public record AckMessage(
        String incident, String fingerprint, String engineer, long ackedAtMs, String signature) {
    public static final String VERSION = "pagerboy/v1";

    /** The text an engineer signs: five lines joined by "\n", no trailing newline. */
    public static String signedText(
            String incident, String fingerprint, String engineer, long ackedAtMs) {
        return "PagerBoy acknowledgment v1\nincident: "
                + incident
                + "\nfingerprint: "
                + fingerprint
                + "\nengineer: "
                + engineer
                + "\nacked_at: "
                + ackedAtMs;
    }

    public String signedText() {
        return signedText(incident, fingerprint, engineer, ackedAtMs);
    }

    /** The JSON text of the message. */
    public String toJson(Rfc3339 times) {
        StringBuilder out = new StringBuilder(320);
        out.append("{\"version\":\"").append(VERSION).append("\",\"kind\":\"ack\",\"incident\":");
        Json.string(out, incident).append(",\"fingerprint\":");
        Json.string(out, fingerprint).append(",\"engineer\":");
        Json.string(out, engineer).append(",\"ackedAt\":\"");
        times.appendTo(out, ackedAtMs);
        out.append("\",\"signature\":");
        Json.string(out, signature);
        return out.append('}').toString();
    }
}

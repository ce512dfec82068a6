package dev.pagerboy.contracts.ack;

import java.nio.charset.StandardCharsets;

/**
 * The canonical text an engineer (or the ack gateway) signs to acknowledge an incident.
 *
 * <p>The text is a protocol: the datasets' signed sample acks, the ack gateway and every client
 * produce exactly {@link #FORMAT}, lines joined by {@code \n}, no trailing newline, UTF-8.
 */
public record AckMessage(
        String incidentId, String fingerprint, String engineer, long ackedAtMillis) {

    /** Version 1 of the acknowledgment text. Never change it; add a v2 instead. */
    public static final String FORMAT =
            "PagerBoy acknowledgment v1\n"
                    + "incident: %s\n"
                    + "fingerprint: %s\n"
                    + "engineer: %s\n"
                    + "acked_at: %d";

    public AckMessage {
        incidentId = AckFields.incidentId(incidentId);
        fingerprint = AckFields.fingerprint(fingerprint);
        engineer = AckFields.engineer(engineer);
        AckFields.nonNegative("acked_at", ackedAtMillis);
    }

    /** The exact text that is signed. */
    public String text() {
        return String.format(
                java.util.Locale.ROOT, FORMAT, incidentId, fingerprint, engineer, ackedAtMillis);
    }

    /** The UTF-8 bytes of {@link #text()}, the input to EIP-191 personal_sign. */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}

package dev.pagerboy.alerts.ack;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical text an engineer (or the ack gateway on their behalf) signs with EIP-191 {@code
 * personal_sign} to act on an incident. It is a protocol: the datasets' generated acks, the
 * contracts module's signatures and leaves, the job and every client build exactly {@link #text()},
 * so a signature made by one verifies in all. Six lines joined by {@code \n}, no trailing newline,
 * UTF-8:
 *
 * <pre>
 * PagerBoy acknowledgment v2
 * incident: &lt;incident id&gt;
 * fingerprint: &lt;16 lowercase hex digits&gt;
 * engineer: &lt;0x-prefixed lowercase address&gt;
 * action: ack | unack | resolve
 * acked_at: &lt;epoch milliseconds&gt;
 * </pre>
 *
 * Version 1 had no action line, so a signed ack could have been replayed as a resolve; v1 was never
 * accepted by the job. Never change v2: add a v3. The signing itself (secp256k1) lives in the
 * modules that already depend on Web3j's crypto, so this module stays free of it.
 *
 * @param incidentId the incident, one line, not empty (the datasets use {@code
 *     <fingerprint>:<startsAt epoch ms>})
 * @param fingerprint the alert's fingerprint, 16 lowercase hex digits
 * @param engineer who signs for themselves, lowercase {@code 0x} address (any case is accepted and
 *     lowered, so EIP-55 checksummed input works)
 * @param action what the text does
 * @param ackedAtMillis when, epoch milliseconds, not negative
 */
public record AckText(
        String incidentId,
        String fingerprint,
        String engineer,
        AckAction action,
        long ackedAtMillis) {

    /** The first line: names the protocol and its version. */
    public static final String HEADER = "PagerBoy acknowledgment v2";

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

    public AckText {
        incidentId = incidentId(incidentId);
        fingerprint = fingerprint(fingerprint);
        engineer = engineer(engineer);
        if (action == null) {
            throw new IllegalArgumentException("action is required (ack, unack or resolve)");
        }
        nonNegative("acked_at", ackedAtMillis);
    }

    /** The exact text that is signed. */
    public String text() {
        return HEADER
                + "\nincident: "
                + incidentId
                + "\nfingerprint: "
                + fingerprint
                + "\nengineer: "
                + engineer
                + "\naction: "
                + action.word()
                + "\nacked_at: "
                + ackedAtMillis;
    }

    /** The UTF-8 bytes of {@link #text()}, the input to EIP-191 personal_sign. */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a text back; only the exact canonical form is accepted, so that one acknowledgment has
     * one text and therefore one signature.
     *
     * @throws IllegalArgumentException naming the first line that is wrong
     */
    public static AckText parse(String text) {
        String[] lines = text.split("\n", -1);
        String[] keys = {null, "incident", "fingerprint", "engineer", "action", "acked_at"};
        if (lines.length != keys.length || !HEADER.equals(lines[0])) {
            throw new IllegalArgumentException(
                    "not a signed-ack text: expected \""
                            + HEADER
                            + "\" and five \"key: value\" lines");
        }
        String[] values = new String[keys.length];
        for (int i = 1; i < keys.length; i++) {
            String prefix = keys[i] + ": ";
            if (!lines[i].startsWith(prefix)) {
                throw new IllegalArgumentException(
                        "signed-ack text line " + (i + 1) + ": expected \"" + prefix + "…\"");
            }
            values[i] = lines[i].substring(prefix.length());
        }
        long at;
        try {
            at = Long.parseLong(values[5]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "signed-ack text line 6: acked_at must be epoch milliseconds, got '"
                            + values[5]
                            + "'");
        }
        AckText parsed =
                new AckText(values[1], values[2], values[3], AckAction.fromWord(values[4]), at);
        if (!parsed.text().equals(text)) {
            throw new IllegalArgumentException("signed-ack text is not in canonical form");
        }
        return parsed;
    }

    /** An incident id: not empty, one line. */
    public static String incidentId(String incidentId) {
        if (incidentId == null || incidentId.isEmpty()) {
            throw new IllegalArgumentException("incident id must not be empty");
        }
        if (incidentId.indexOf('\n') >= 0 || incidentId.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("incident id must be one line: " + incidentId);
        }
        return incidentId;
    }

    /** A fingerprint: 16 lowercase hex digits. */
    public static String fingerprint(String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException(
                    "fingerprint must be 16 lowercase hex digits, got '" + fingerprint + "'");
        }
        return fingerprint;
    }

    /** An address in any case (EIP-55 included), returned in lowercase. */
    public static String engineer(String address) {
        String lower = address == null ? "" : address.toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(lower).matches()) {
            throw new IllegalArgumentException(
                    "engineer must be a 0x-prefixed 20-byte address, got '" + address + "'");
        }
        return lower;
    }

    /** A count or time that must not be negative. */
    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}

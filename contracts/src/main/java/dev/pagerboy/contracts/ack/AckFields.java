package dev.pagerboy.contracts.ack;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of the fields an acknowledgment is made of, shared by the message and the leaf. */
final class AckFields {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

    private AckFields() {}

    static String incidentId(String incidentId) {
        if (incidentId == null || incidentId.isEmpty()) {
            throw new IllegalArgumentException("incident id must not be empty");
        }
        if (incidentId.indexOf('\n') >= 0 || incidentId.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("incident id must be one line: " + incidentId);
        }
        return incidentId;
    }

    static String fingerprint(String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException(
                    "fingerprint must be 16 lowercase hex digits, got '" + fingerprint + "'");
        }
        return fingerprint;
    }

    /** Accepts any case (EIP-55 checksummed input included) and returns the lowercase form. */
    static String engineer(String address) {
        String lower = address == null ? "" : address.toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(lower).matches()) {
            throw new IllegalArgumentException(
                    "engineer must be a 0x-prefixed 20-byte address, got '" + address + "'");
        }
        return lower;
    }

    static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}

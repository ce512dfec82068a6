package dev.pagerboy.datasets.model;

import java.nio.charset.StandardCharsets;

/**
 * Alertmanager's alert fingerprint: FNV-1a 64 over the label names and values sorted by name, each
 * followed by the separator byte 0xff, printed as 16 lowercase hex digits. This is {@code
 * LabelSet.Fingerprint()} of prometheus/common {@code model/signature.go}; the job keys alerts by
 * it, so it must match what a real Alertmanager puts in its webhook.
 */
public final class Fingerprint {
    private static final long OFFSET_64 = 0xcbf29ce484222325L;
    private static final long PRIME_64 = 0x100000001b3L;
    private static final int SEPARATOR_BYTE = 0xff;

    private Fingerprint() {}

    /** The fingerprint of a label set as a 64-bit value. */
    public static long of(LabelSet labels) {
        long hash = OFFSET_64;
        for (int i = 0; i < labels.size(); i++) {
            hash = add(hash, labels.name(i));
            hash = addByte(hash, SEPARATOR_BYTE);
            hash = add(hash, labels.value(i));
            hash = addByte(hash, SEPARATOR_BYTE);
        }
        return hash;
    }

    /** The fingerprint as Alertmanager prints it: 16 lowercase hex digits. */
    public static String hex(LabelSet labels) {
        return hex(of(labels));
    }

    public static String hex(long fingerprint) {
        String digits = Long.toHexString(fingerprint);
        return "0".repeat(16 - digits.length()) + digits;
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME_64;
    }
}

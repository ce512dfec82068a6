package dev.pagerboy.streaming.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of a label set, bit-for-bit the value Alertmanager computes ({@code
 * model.LabelSet.Fingerprint()} in prometheus/common, model/signature.go), so PagerBoy's dedup key
 * for an alert equals the fingerprint Alertmanager shows for it.
 *
 * <p>The algorithm: sort the label names by the bytes of their UTF-8 encoding (Go's string order,
 * i.e. code point order); for each name, feed its UTF-8 bytes, the separator byte {@code 0xff}, the
 * value's UTF-8 bytes and {@code 0xff} into a 64-bit FNV-1a hash (offset basis {@code
 * 0xcbf29ce484222325}, prime {@code 0x100000001b3}). The empty label set has the FNV-1a offset
 * basis itself, 14695981039346656037. {@code 0xff} never occurs in UTF-8, so names and values
 * cannot run into each other. The string form is 16 lowercase hex digits ({@code %016x}, Go's
 * {@code Fingerprint.String()}).
 */
public final class Fingerprint {

    static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private Fingerprint() {}

    /** The 64-bit fingerprint of {@code labels} (an unsigned value held in a {@code long}). */
    public static long of(Map<String, String> labels) {
        Map<String, String> sorted =
                labels instanceof TreeMap<String, String> t && t.comparator() == null
                        ? t
                        : new TreeMap<>(labels);
        long h = OFFSET_BASIS;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            h = add(h, e.getKey());
            h = addByte(h, SEPARATOR);
            h = add(h, e.getValue());
            h = addByte(h, SEPARATOR);
        }
        return h;
    }

    /** The fingerprint as Alertmanager prints it: 16 lowercase hex digits. */
    public static String hex(Map<String, String> labels) {
        return toHex(of(labels));
    }

    /** Formats a fingerprint as 16 lowercase hex digits, zero padded. */
    public static String toHex(long fingerprint) {
        String s = Long.toHexString(fingerprint);
        return "0".repeat(16 - s.length()) + s;
    }

    /**
     * Go sorts label names by their UTF-8 bytes, which is code point order; {@code
     * String.compareTo} compares UTF-16 units and differs for characters beyond the BMP.
     */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static long add(long h, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            h = addByte(h, b & 0xff);
        }
        return h;
    }

    private static long addByte(long h, int b) {
        return (h ^ b) * PRIME;
    }
}

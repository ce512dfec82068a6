package dev.pagerboy.alerts;

import java.util.Arrays;
import java.util.Map;

/**
 * The fingerprint of a label set, bit for bit the value Alertmanager computes ({@code
 * model.LabelSet.Fingerprint()} in prometheus/common, model/signature.go), so PagerBoy's dedup key
 * for an alert equals the fingerprint Alertmanager shows for it. This is the only implementation:
 * the job's ingest, the datasets generator and converter, and the VM's alert input all call it.
 *
 * <p>The algorithm: sort the label names in Go's string order (the bytes of their UTF-8 encoding,
 * {@link LabelSet#NAME_ORDER}); for each name, feed its UTF-8 bytes, the separator byte {@code
 * 0xff}, the value's UTF-8 bytes and {@code 0xff} into a 64-bit FNV-1a hash (offset basis {@code
 * 0xcbf29ce484222325}, prime {@code 0x100000001b3}). The empty label set has the offset basis
 * itself, 14695981039346656037. {@code 0xff} never occurs in UTF-8, so names and values cannot run
 * into each other. The string form is 16 lowercase hex digits ({@code %016x}, Go's {@code
 * Fingerprint.String()}).
 */
public final class Fingerprint {

    static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private Fingerprint() {}

    /** The 64-bit fingerprint of {@code labels} (an unsigned value held in a {@code long}). */
    public static long of(LabelSet labels) {
        long h = OFFSET_BASIS;
        for (int i = 0; i < labels.size(); i++) {
            h = add(h, labels.name(i));
            h = addByte(h, SEPARATOR);
            h = add(h, labels.value(i));
            h = addByte(h, SEPARATOR);
        }
        return h;
    }

    /** The 64-bit fingerprint of {@code labels}; the map's iteration order does not matter. */
    public static long of(Map<String, String> labels) {
        String[] names = labels.keySet().toArray(new String[0]);
        Arrays.sort(names, LabelSet.NAME_ORDER);
        long h = OFFSET_BASIS;
        for (String name : names) {
            h = add(h, name);
            h = addByte(h, SEPARATOR);
            h = add(h, labels.get(name));
            h = addByte(h, SEPARATOR);
        }
        return h;
    }

    /** The fingerprint as Alertmanager prints it: 16 lowercase hex digits. */
    public static String hex(LabelSet labels) {
        return hex(of(labels));
    }

    /** The fingerprint as Alertmanager prints it: 16 lowercase hex digits. */
    public static String hex(Map<String, String> labels) {
        return hex(of(labels));
    }

    /** Formats a fingerprint as 16 lowercase hex digits, zero padded. */
    public static String hex(long fingerprint) {
        String s = Long.toHexString(fingerprint);
        return "0".repeat(16 - s.length()) + s;
    }

    /** Feeds the UTF-8 encoding of {@code s}, without allocating it. */
    private static long add(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = addByte(h, c);
            } else if (c < 0x800) {
                h = addByte(h, 0xc0 | (c >> 6));
                h = addByte(h, 0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                h = addByte(h, 0xf0 | (cp >> 18));
                h = addByte(h, 0x80 | ((cp >> 12) & 0x3f));
                h = addByte(h, 0x80 | ((cp >> 6) & 0x3f));
                h = addByte(h, 0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate is not encodable; Java's UTF-8 encoder writes '?', and so do we.
                h = addByte(h, '?');
            } else {
                h = addByte(h, 0xe0 | (c >> 12));
                h = addByte(h, 0x80 | ((c >> 6) & 0x3f));
                h = addByte(h, 0x80 | (c & 0x3f));
            }
        }
        return h;
    }

    private static long addByte(long h, int b) {
        return (h ^ b) * PRIME;
    }
}

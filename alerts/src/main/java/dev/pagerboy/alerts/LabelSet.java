package dev.pagerboy.alerts;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of label (or annotation) name/value pairs, kept sorted by name in Go's string
 * order: by the bytes of the UTF-8 encoding, which is Unicode code point order. That is the order
 * in which Alertmanager hashes a fingerprint and in which Go's JSON encoder writes a map, so one
 * sorted array serves both. Java's {@code String.compareTo} compares UTF-16 units instead and puts
 * a character outside the BMP (a surrogate pair, 0xD800–0xDFFF) before U+E000–U+FFFF (e.g. the
 * ligature U+FB01), which is why {@link #NAME_ORDER} exists.
 */
public final class LabelSet {

    /** Go's string order: code point order, i.e. the order of the UTF-8 bytes. */
    public static final Comparator<String> NAME_ORDER = LabelSet::compareUtf8;

    private static final LabelSet EMPTY = new LabelSet(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private String json; // cached: one alert's labels are written several times per message

    private LabelSet(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    public static LabelSet empty() {
        return EMPTY;
    }

    /** A label set from a map; the map's order does not matter. */
    public static LabelSet of(Map<String, String> pairs) {
        if (pairs.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, String> sorted = new TreeMap<>(NAME_ORDER);
        sorted.putAll(pairs);
        return new LabelSet(
                sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
    }

    /** A label set from alternating names and values: {@code of("alertname", "X", "team", "t")}. */
    public static LabelSet of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        TreeMap<String, String> pairs = new TreeMap<>(NAME_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(pairs);
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of a label, or {@code null} when the set has no such label. */
    public String get(String name) {
        int i = Arrays.binarySearch(names, name, NAME_ORDER);
        return i >= 0 ? values[i] : null;
    }

    /** The pairs as a new map in name order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    /** The set as a JSON object in name order, escaped as Go's encoder does (cached). */
    public String toJson() {
        String text = json;
        if (text == null) {
            StringBuilder out = new StringBuilder(32 * names.length + 2).append('{');
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                GoJson.string(out, names[i]).append(':');
                GoJson.string(out, values[i]);
            }
            json = text = out.append('}').toString();
        }
        return text;
    }

    /**
     * Compares code point by code point. Within the BMP this equals UTF-16 order; a surrogate pair
     * decodes to a code point above 0xFFFF and so sorts after every BMP character.
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

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet other
                && Arrays.equals(names, other.names)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}

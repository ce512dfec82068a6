package dev.pagerboy.datasets.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of label (or annotation) name/value pairs kept sorted by name, the order in
 * which Go's JSON encoder writes a map and in which Alertmanager hashes a fingerprint.
 */
public final class LabelSet {
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
        TreeMap<String, String> sorted = new TreeMap<>(pairs);
        return new LabelSet(
                sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
    }

    /** A label set from alternating names and values: {@code of("alertname", "X", "team", "t")}. */
    public static LabelSet of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        TreeMap<String, String> pairs = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(pairs);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The set as a JSON object with sorted keys, escaped as {@link Json} does (cached). */
    public String toJson() {
        String text = json;
        if (text == null) {
            StringBuilder out = new StringBuilder(32 * names.length + 2).append('{');
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                Json.string(out, names[i]).append(':');
                Json.string(out, values[i]);
            }
            json = text = out.append('}').toString();
        }
        return text;
    }

    /** The value of a label, or {@code null} when the set has no such label. */
    public String get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
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

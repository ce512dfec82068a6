package dev.pagerboy.alerts.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.GoText;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Cleans an alert's labels as Alertmanager 0.25's API does before it stores and fingerprints an
 * alert ({@code POST /api/v2/alerts}), so that every input format gives the alert Alertmanager
 * would have made of it, or rejects it for the same reason:
 *
 * <ol>
 *   <li>bytes that are not UTF-8 become U+FFFD, one per bad byte, as Go's JSON decoder reads them
 *       ({@link #replaceInvalidUtf8}, applied to the whole record before it is parsed);
 *   <li>a lone UTF-16 surrogate (a JSON escape of U+D800 to U+DFFF without its pair) becomes
 *       U+FFFD, as Go's JSON decoder makes it, so it neither hashes as {@code ?} nor collides with
 *       a real {@code "?"};
 *   <li>labels with an empty value are dropped: {@code {alertname="X", empty=""}} is the alert
 *       {@code {alertname="X"}};
 *   <li>a name outside {@code [a-zA-Z_][a-zA-Z0-9_]*} rejects the alert: {@code invalid label set:
 *       invalid name "a-b"} (with several, the first in byte order is named; Alertmanager names one
 *       at random);
 *   <li>no label left rejects it: {@code at least one label pair required}. An empty {@code
 *       alertname} alone is therefore rejected, while {@code {alertname="", team="db"}} is the
 *       alert {@code {team="db"}}, exactly as in Alertmanager;
 *   <li>an annotation name that would be an invalid label name rejects it too: {@code invalid
 *       annotations: invalid name "a-b"} ({@link #readAnnotations}; empty values are kept).
 * </ol>
 *
 * The reasons are Alertmanager's words after the field's path, e.g. {@code native: labels: invalid
 * label set: invalid name "a-b"}. {@code AlertmanagerGoldenLabelsTest} checks all of it against
 * what a real Alertmanager 0.25 answered.
 */
final class AlertmanagerLabels {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final char REPLACEMENT = '\uFFFD';

    private AlertmanagerLabels() {}

    /** Reads the required label object {@code parent.field} and cleans it. */
    static TreeMap<String, String> read(JsonNode parent, String field, String path, String prefix)
            throws InvalidRecord {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecord(prefix + path + " missing");
        }
        if (!node.isObject()) {
            throw new InvalidRecord(prefix + path + " must be an object");
        }
        Map<String, String> raw = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidRecord(prefix + path + "." + e.getKey() + " must be a string");
            }
            raw.put(e.getKey(), e.getValue().textValue());
        }
        TreeMap<String, String> labels;
        try {
            labels = clean(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord(prefix + path + ": " + e.getMessage());
        }
        InputLimits.checkLabels(labels, path, prefix);
        return labels;
    }

    /**
     * The labels as Alertmanager stores them.
     *
     * @throws IllegalArgumentException with Alertmanager's reason when it would reject them
     */
    static TreeMap<String, String> clean(Map<String, String> labels) {
        List<String> invalid = new ArrayList<>();
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String name = wellFormed(e.getKey());
            String value = wellFormed(e.getValue());
            if (value.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                invalid.add(name);
            }
            out.put(name, value);
        }
        if (!invalid.isEmpty()) {
            invalid.sort(GoText::compare);
            throw new IllegalArgumentException(
                    "invalid label set: invalid name " + GoText.quote(invalid.get(0)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("at least one label pair required");
        }
        return out;
    }

    /**
     * {@code bytes} with every byte that does not start a well-formed UTF-8 sequence replaced by
     * the UTF-8 of U+FFFD, the way Go's {@code encoding/json} decodes strings ({@code
     * utf8.DecodeRune} failing with width 1): {@code e2 82} becomes two U+FFFD, where Java's
     * decoder would make one. Returns {@code bytes} itself when it is valid UTF-8. Outside JSON
     * strings a replaced byte is still a syntax error, as in Go.
     */
    static byte[] replaceInvalidUtf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int i = 0;
        while (i < bytes.length && bytes[i] >= 0) {
            i++; // ASCII, the common case, in a loop the JIT vectorises
        }
        if (i == bytes.length) {
            return bytes;
        }
        ByteArrayOutputStream out = null;
        while (i < bytes.length) {
            int width = utf8Width(bytes, i);
            if (width > 0) {
                if (out != null) {
                    out.write(bytes, i, width);
                }
                i += width;
            } else {
                if (out == null) {
                    out = new ByteArrayOutputStream(bytes.length + 16);
                    out.write(bytes, 0, i);
                }
                out.write(0xef);
                out.write(0xbf);
                out.write(0xbd);
                i++;
            }
        }
        return out == null ? bytes : out.toByteArray();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 (Go's accept ranges). */
    private static int utf8Width(byte[] b, int i) {
        int b0 = b[i] & 0xff;
        if (b0 < 0x80) {
            return 1;
        }
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            n = 3;
            lo = b0 == 0xe0 ? 0xa0 : 0x80;
            hi = b0 == 0xed ? 0x9f : 0xbf;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 4;
            lo = b0 == 0xf0 ? 0x90 : 0x80;
            hi = b0 == 0xf4 ? 0x8f : 0xbf;
        } else {
            return 0;
        }
        if (i + n > b.length) {
            return 0;
        }
        int b1 = b[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int bk = b[i + k] & 0xff;
            if (bk < 0x80 || bk > 0xbf) {
                return 0;
            }
        }
        return n;
    }

    /**
     * Reads the optional annotation object {@code parent.field}, checking names as Alertmanager.
     */
    static TreeMap<String, String> readAnnotations(
            JsonNode parent, String field, String path, String prefix) throws InvalidRecord {
        JsonNode node = parent.get(field);
        TreeMap<String, String> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new InvalidRecord(prefix + path + " must be an object");
        }
        List<String> invalid = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidRecord(prefix + path + "." + e.getKey() + " must be a string");
            }
            if (!NAME.matcher(e.getKey()).matches()) {
                invalid.add(wellFormed(e.getKey()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        if (!invalid.isEmpty()) {
            invalid.sort(GoText::compare);
            throw new InvalidRecord(
                    prefix
                            + path
                            + ": invalid annotations: invalid name "
                            + GoText.quote(invalid.get(0)));
        }
        InputLimits.checkAnnotations(out, path, prefix);
        return out;
    }

    /** True for a name Alertmanager accepts for a label or an annotation. */
    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Replaces every value's lone surrogates with U+FFFD, in place (names are PagerBoy's own). */
    static void replaceLoneSurrogates(Map<String, String> labels) {
        labels.replaceAll((name, value) -> wellFormed(value));
    }

    /** {@code s} with each lone surrogate replaced by U+FFFD; {@code s} itself if it has none. */
    static String wellFormed(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                if (b != null) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                b.append(REPLACEMENT);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}

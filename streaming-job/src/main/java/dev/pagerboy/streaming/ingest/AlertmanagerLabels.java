package dev.pagerboy.streaming.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.streaming.routing.GoText;
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
 *   <li>a lone UTF-16 surrogate (a JSON {@code \ud800} escape without its pair) becomes U+FFFD, as
 *       Go's JSON decoder makes it, so it neither hashes as {@code ?} nor collides with a real
 *       {@code "?"};
 *   <li>labels with an empty value are dropped: {@code {alertname="X", empty=""}} is the alert
 *       {@code {alertname="X"}};
 *   <li>a name outside {@code [a-zA-Z_][a-zA-Z0-9_]*} rejects the alert: {@code invalid label set:
 *       invalid name "a-b"} (with several, the first in byte order is named; Alertmanager names one
 *       at random);
 *   <li>no label left rejects it: {@code at least one label pair required}. An empty {@code
 *       alertname} alone is therefore rejected, while {@code {alertname="", team="db"}} is the
 *       alert {@code {team="db"}}, exactly as in Alertmanager.
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
            throws InvalidInput {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInput(prefix + path + " missing");
        }
        if (!node.isObject()) {
            throw new InvalidInput(prefix + path + " must be an object");
        }
        Map<String, String> raw = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidInput(prefix + path + "." + e.getKey() + " must be a string");
            }
            raw.put(e.getKey(), e.getValue().textValue());
        }
        try {
            return clean(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(prefix + path + ": " + e.getMessage());
        }
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

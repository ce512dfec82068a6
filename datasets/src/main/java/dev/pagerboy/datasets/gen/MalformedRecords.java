package dev.pagerboy.datasets.gen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of bad alert records a robustness run injects. Each replaces a valid payload; the
 * envelope keeps the valid record's key and time so the damage is the payload alone.
 */
public enum MalformedRecords {
    /** The first half of a valid payload: not JSON (carried as text). */
    TRUNCATED(true),
    /** An HTML error page from a proxy: not JSON (carried as text). */
    NOT_JSON(true),
    /** A JSON object with none of the format's fields. */
    EMPTY_OBJECT(false),
    /** A valid payload whose version (or PagerDuty event_action) is unknown. */
    UNKNOWN_VERSION(false),
    /** A valid payload whose first time is not an RFC 3339 time. */
    BAD_TIME(false);

    private static final Pattern TIME = Pattern.compile("\"\\d{4}-\\d{2}-\\d{2}T[^\"]*\"");

    private final boolean text;

    MalformedRecords(boolean text) {
        this.text = text;
    }

    /** Whether the damaged payload is raw text rather than a JSON object. */
    public boolean isText() {
        return text;
    }

    public String corrupt(String valid) {
        return switch (this) {
            case TRUNCATED -> valid.substring(0, valid.length() / 2);
            case NOT_JSON -> "<html><body><h1>502 Bad Gateway</h1></body></html>";
            case EMPTY_OBJECT -> "{}";
            case UNKNOWN_VERSION ->
                    valid.replace("\"version\":\"4\"", "\"version\":\"99\"")
                            .replace("\"version\":\"pagerboy/v1\"", "\"version\":\"pagerboy/v0\"")
                            .replace("\"event_action\":\"trigger\"", "\"event_action\":\"page\"")
                            .replace("\"event_action\":\"resolve\"", "\"event_action\":\"page\"");
            case BAD_TIME -> {
                Matcher m = TIME.matcher(valid);
                yield m.find() ? m.replaceFirst("\"yesterday\"") : "{}";
            }
        };
    }
}

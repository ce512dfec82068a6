package dev.pagerboy.tools.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * R4's hostile records for the alerts topic, in all three wire formats: each is something a broken
 * or malicious sender could write, and each must become a dead letter with a reason, never a crash
 * or a restart. One kind is the exception: {@link #INVALID_UTF8} is accepted as Alertmanager 0.25
 * accepts it (each bad byte becomes U+FFFD, issue 21), so it becomes an alert named {@value
 * #ALERTNAME}, never a dead letter. Deterministic: the same count gives the same bytes.
 */
enum HostileRecords {
    TRUNCATED_JSON,
    HUGE_JSON,
    WRONG_TYPES_ALERTMANAGER,
    WRONG_TYPES_PAGERDUTY,
    WRONG_TYPES_NATIVE,
    DEEP_NESTING,
    INVALID_UTF8,
    MEGABYTE_LABEL,
    TEN_THOUSAND_LABELS,
    FAR_PAST_TIMESTAMP,
    FAR_FUTURE_TIMESTAMP,
    EMPTY,
    NOT_AN_OBJECT;

    /** The alertname of every alert-shaped hostile record. */
    static final String ALERTNAME = "Hostile";

    private static final String VALID_ALERT =
            "{\"status\":\"firing\",\"labels\":{\"alertname\":\"Hostile\",\"instance\":\"x\"},"
                    + "\"startsAt\":\"2026-01-01T00:00:00Z\"}";

    /**
     * How many records of each bulky kind (100 KB to 3 MB each) one run holds at most: 154 of each
     * is about 680 MB, what R4 with 20,000 alerts moved in session 8. The 100,000 records
     * would otherwise hold 7,700 of each, about 33 GB on the alerts topic alone.
     */
    static final int MAX_BULKY_COPIES = 154;

    /** {@code count} records, cycling through every kind ({@link #kindOf}). */
    static List<byte[]> records(int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(kindOf(i).bytes(i));
        }
        return out;
    }

    /**
     * The kind of the {@code i}-th record: the kinds in turn, except that a bulky kind past its
     * {@value #MAX_BULKY_COPIES} copies gives its turn to a truncated record (a refused kind too).
     */
    static HostileRecords kindOf(int i) {
        HostileRecords[] kinds = values();
        HostileRecords kind = kinds[i % kinds.length];
        return kind.bulky() && i / kinds.length >= MAX_BULKY_COPIES ? TRUNCATED_JSON : kind;
    }

    /** Whether a record of this kind weighs 100 KB or more. */
    boolean bulky() {
        return this == HUGE_JSON
                || this == MEGABYTE_LABEL
                || this == DEEP_NESTING
                || this == TEN_THOUSAND_LABELS;
    }

    /** Whether the job must refuse this kind as a dead letter (every kind but invalid UTF-8). */
    boolean refused() {
        return this != INVALID_UTF8;
    }

    /** How many of {@link #records(int) records(count)} the job must refuse. */
    static long refusedAmong(int count) {
        long refused = 0;
        for (int i = 0; i < count; i++) {
            refused += kindOf(i).refused() ? 1 : 0;
        }
        return refused;
    }

    byte[] bytes(int i) {
        return switch (this) {
            case TRUNCATED_JSON -> {
                String whole = webhook(VALID_ALERT);
                yield utf8(whole.substring(0, whole.length() / 2 + i % 7));
            }
            case HUGE_JSON -> utf8("[" + "null,".repeat(600_000) + "null]");
            case WRONG_TYPES_ALERTMANAGER ->
                    utf8(
                            webhook(
                                    "{\"status\":17,\"labels\":[\"a\",\"b\"],\"startsAt\":{\"t\":1}}"));
            case WRONG_TYPES_PAGERDUTY ->
                    utf8("{\"routing_key\":42,\"event_action\":[\"trigger\"],\"payload\":\"x\"}");
            case WRONG_TYPES_NATIVE ->
                    utf8(
                            "{\"version\":\"pagerboy/v1\",\"id\":false,\"status\":\"firing\","
                                    + "\"labels\":{\"a\":1},\"startsAt\":true}");
            case DEEP_NESTING -> utf8("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
            case INVALID_UTF8 -> {
                byte[] head = utf8(webhook(VALID_ALERT.replace("\"x\"", "\"x\u0001\"")));
                int at = new String(head, StandardCharsets.UTF_8).indexOf('\u0001');
                head[at] = (byte) 0xC3; // a lead byte followed by '"': not UTF-8
                yield head;
            }
            case MEGABYTE_LABEL ->
                    utf8(webhook(VALID_ALERT.replace("\"x\"", "\"" + "x".repeat(1 << 20) + "\"")));
            case TEN_THOUSAND_LABELS -> {
                StringBuilder labels = new StringBuilder("\"alertname\":\"Hostile\"");
                for (int l = 0; l < 10_000; l++) {
                    labels.append(",\"l").append(l).append("\":\"v\"");
                }
                yield utf8(
                        webhook(
                                VALID_ALERT.replace(
                                        "\"alertname\":\"Hostile\",\"instance\":\"x\"",
                                        labels + ",\"n\":\"" + i + "\"")));
            }
            case FAR_PAST_TIMESTAMP ->
                    utf8(
                            webhook(
                                    VALID_ALERT
                                            .replace("2026-01-01T00:00:00Z", "0001-01-01T00:00:01Z")
                                            .replace("\"x\"", "\"past-" + i + "\"")));
            case FAR_FUTURE_TIMESTAMP ->
                    utf8(
                            webhook(
                                    VALID_ALERT
                                            .replace("2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z")
                                            .replace("\"x\"", "\"future-" + i + "\"")));
            case EMPTY -> new byte[0];
            case NOT_AN_OBJECT -> utf8("\"just a string " + i + "\"");
        };
    }

    private static String webhook(String alert) {
        return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"ops\",\"groupKey\":\"{}:{}\","
                + "\"alerts\":["
                + alert
                + "]}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

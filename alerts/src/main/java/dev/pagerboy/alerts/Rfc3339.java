package dev.pagerboy.alerts;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 times as the alert formats carry them. Written the way Go's {@code time.Time} marshals
 * them (RFC3339Nano in UTC): whole seconds print as {@code 2021-06-01T08:31:25Z}, fractions lose
 * their trailing zeros ({@code .12Z}, never {@code .120Z}), because Alertmanager writes its webhook
 * with Go's encoder. Read with any offset and fraction ({@code 2026-11-28T13:00:00+01:00}); Go's
 * zero time ({@code 0001-01-01T00:00:00Z}, a firing alert's {@code endsAt}) is recognised by {@link
 * #isGoZeroTime} so callers can treat it as "unset".
 */
public final class Rfc3339 {
    /** Go's zero {@code time.Time}, which Alertmanager writes as endsAt of a firing alert. */
    public static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final String GO_ZERO_TIME_PREFIX = "0001-01-01T00:00:00";
    private static final long MS_PER_DAY = 86_400_000L;

    // Formatting a date is the slow part; consecutive records are almost always on the same day.
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate = "";

    /** Formats epoch milliseconds; one instance per thread (it caches the last date). */
    public String format(long epochMs) {
        StringBuilder out = new StringBuilder(24);
        appendTo(out, epochMs);
        return out.toString();
    }

    public void appendTo(StringBuilder out, long epochMs) {
        long day = Math.floorDiv(epochMs, MS_PER_DAY);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = LocalDate.ofEpochDay(day).toString();
        }
        int msOfDay = (int) Math.floorMod(epochMs, MS_PER_DAY);
        int seconds = msOfDay / 1000;
        int millis = msOfDay % 1000;
        out.append(cachedDate).append('T');
        twoDigits(out, seconds / 3600);
        out.append(':');
        twoDigits(out, seconds / 60 % 60);
        out.append(':');
        twoDigits(out, seconds % 60);
        if (millis != 0) {
            out.append('.');
            out.append((char) ('0' + millis / 100));
            if (millis % 100 != 0) {
                out.append((char) ('0' + millis / 10 % 10));
                if (millis % 10 != 0) {
                    out.append((char) ('0' + millis % 10));
                }
            }
        }
        out.append('Z');
    }

    private static void twoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * Parses an RFC 3339 time with any offset to epoch milliseconds (sub-millisecond digits are
     * dropped).
     *
     * @throws IllegalArgumentException naming the text, when it is not an RFC 3339 time or does not
     *     fit in epoch milliseconds
     */
    public static long parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: '" + text + "'", e);
        }
    }

    /** True for Go's zero time in any fraction or offset spelling: it means "not set". */
    public static boolean isGoZeroTime(String text) {
        return text.startsWith(GO_ZERO_TIME_PREFIX);
    }
}

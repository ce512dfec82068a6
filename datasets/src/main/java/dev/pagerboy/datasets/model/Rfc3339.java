package dev.pagerboy.datasets.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 times written the way Go's {@code time.Time} marshals them (RFC3339Nano in UTC): whole
 * seconds print as {@code 2021-06-01T08:31:25Z}, fractions lose their trailing zeros ({@code .12Z},
 * never {@code .120Z}). Alertmanager writes its webhook times with Go's encoder, and a firing
 * alert's {@code endsAt} is Go's zero time.
 */
public final class Rfc3339 {
    /** Go's zero {@code time.Time}, which Alertmanager writes as endsAt of a firing alert. */
    public static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

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

    /** Parses an RFC 3339 time to epoch milliseconds (sub-millisecond digits are dropped). */
    public static long parse(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: '" + text + "'", e);
        }
    }
}

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
        long fast = parseCommon(text);
        if (fast >= 0) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: '" + text + "'", e);
        }
    }

    /**
     * The common spelling, read without {@link DateTimeFormatter} (whose parse was a sixth of the
     * ingest stage's CPU): {@code YYYY-MM-DDTHH:MM:SS}, an optional fraction of 1 to 9 digits, then
     * {@code Z} or {@code ±HH:MM}, for years 1970 to 2099 and offsets under 18 h. Returns -1 for
     * anything else, which {@link #parse} then reads with the formatter, so both give the same
     * instant or the same refusal ({@code Rfc3339Test} compares them).
     */
    private static long parseCommon(String t) {
        int n = t.length();
        if (n < 20
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return -1;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 1970
                || year > 2099
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return -1;
        }
        int i = 19;
        int millis = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (t.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return -1;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        long offsetMs;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetMs = 0;
        } else if (i == n - 6
                && (t.charAt(i) == '+' || t.charAt(i) == '-')
                && t.charAt(i + 3) == ':') {
            int offsetHours = digits(t, i + 1, 2);
            int offsetMinutes = digits(t, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return -1;
            }
            offsetMs =
                    (offsetHours * 3_600_000L + offsetMinutes * 60_000L)
                            * (t.charAt(i) == '-' ? -1 : 1);
        } else {
            return -1;
        }
        long epochMs =
                epochDay(year, month, day) * MS_PER_DAY
                        + hour * 3_600_000L
                        + minute * 60_000L
                        + second * 1_000L
                        + millis
                        - offsetMs;
        return epochMs >= 0 ? epochMs : -1;
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** True for Go's zero time in any fraction or offset spelling: it means "not set". */
    public static boolean isGoZeroTime(String text) {
        return text.startsWith(GO_ZERO_TIME_PREFIX);
    }
}

package dev.pagerboy.streaming.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Alertmanager and Prometheus write them ({@code model.ParseDuration}): a sequence of
 * {@code <number><unit>} with units in decreasing order, each at most once, from {@code y} (365
 * days), {@code w}, {@code d}, {@code h}, {@code m}, {@code s} to {@code ms}; e.g. {@code 30s},
 * {@code 5m}, {@code 1h30m}, {@code 4h}. {@code 0} alone is zero.
 */
public final class DurationFormat {

    private static final Pattern FORMAT =
            Pattern.compile(
                    "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1_000L, 1L
    };

    private DurationFormat() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text, for anything else
     */
    public static Duration parse(String text) {
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(
                    "bad duration \"" + text + "\" (expected e.g. 30s, 5m, 1h30m, 4h, 7d)");
        }
        long ms = 0;
        try {
            for (int i = 0; i < UNIT_MS.length; i++) {
                String n = m.group(i + 1);
                if (n != null) {
                    ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(n), UNIT_MS[i]));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long");
        }
        return Duration.ofMillis(ms);
    }

    /** Formats like Prometheus does: {@code 1h30m}, {@code 30s}, {@code 0s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < UNIT_MS.length; i++) {
            long n = ms / UNIT_MS[i];
            if (n > 0) {
                b.append(n).append(units[i]);
                ms -= n * UNIT_MS[i];
            }
        }
        return b.toString();
    }
}

package dev.pagerboy.alerts;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of PagerBoy, Prometheus and Alertmanager's ({@code model.ParseDuration}
 * in prometheus/common): a sequence of {@code <number><unit>} with units in decreasing order, each
 * at most once, from {@code y} (365 days), {@code w}, {@code d}, {@code h}, {@code m}, {@code s} to
 * {@code ms}; e.g. {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}. {@code 0}
 * alone is zero. The YAML configuration and every command-line option that takes a duration parse
 * with this class, so a value that works in one place works in all.
 */
public final class Durations {

    private static final Pattern GRAMMAR =
            Pattern.compile(
                    "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1_000L, 1L
    };
    private static final String EXAMPLES = "e.g. 30s, 5m, 1h30m, 4h, 7d";

    private Durations() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text and the expected form, for anything else
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration (expected " + EXAMPLES + ")");
        }
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "bad duration \"" + text + "\" (expected " + EXAMPLES + ")");
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
            throw new IllegalArgumentException(
                    "duration \"" + text + "\" is out of range (at most 292 million years)");
        }
        return Duration.ofMillis(ms);
    }

    /**
     * Formats as Prometheus does ({@code model.Duration.String()}): {@code 1h30m}, {@code 500ms},
     * {@code 0s}; years and weeks only when they divide the rest exactly, because {@code 90d} reads
     * better than {@code 12w6d}. {@code parse(format(d))} equals {@code d} truncated to
     * milliseconds.
     *
     * @throws IllegalArgumentException for a negative duration, which the grammar cannot express
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < UNIT_MS.length; i++) {
            boolean exactOnly = i < 2;
            if (exactOnly && ms % UNIT_MS[i] != 0) {
                continue;
            }
            long n = ms / UNIT_MS[i];
            if (n > 0) {
                out.append(n).append(UNITS[i]);
                ms -= n * UNIT_MS[i];
            }
        }
        return out.toString();
    }
}

package dev.pagerboy.datasets.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on the datasets command line ({@code 4h}, {@code 1h30m}, {@code 1500ms}), in
 * milliseconds. The only place this module reads a duration from text: when the shared alert model
 * holds the one duration grammar, this converter calls it.
 */
final class DurationConverter implements ITypeConverter<Long> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Long convert(String value) {
        return parseMs(value);
    }

    static long parseMs(String value) {
        Matcher m = PART.matcher(value);
        long total = 0;
        int at = 0;
        while (at < value.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total +=
                    switch (m.group(2)) {
                        case "ms" -> n;
                        case "s" -> n * 1000;
                        case "m" -> n * 60_000;
                        case "h" -> n * 3_600_000;
                        default -> n * 86_400_000;
                    };
            at = m.end();
        }
        if (value.isEmpty() || at != value.length()) {
            throw new TypeConversionException(
                    "must look like 4h, 1h30m, 90s or 1500ms, got '" + value + "'");
        }
        return total;
    }
}

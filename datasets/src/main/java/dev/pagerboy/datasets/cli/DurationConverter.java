package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on the datasets command line ({@code 4h}, {@code 1h30m}, {@code 1500ms}), in
 * milliseconds, read with the one duration grammar of the alert model ({@link Durations}).
 */
final class DurationConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parseMs(value);
    }

    static long parseMs(String value) {
        try {
            return Durations.parse(value).toMillis();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}

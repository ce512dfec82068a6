package dev.pagerboy.streaming;

import dev.pagerboy.alerts.Durations;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on the job's command line, in the grammar of {@code pagerboy.yaml} ({@code 500ms},
 * {@code 1h30m}; see {@link Durations}), or ISO-8601 ({@code PT3S}). The only place the job's
 * command line reads a duration, so flags and YAML cannot drift apart.
 */
public final class JobDurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.strip();
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "not a duration: '" + value + "' (expected e.g. 500ms, 2s, 1h30m, PT3S)");
            }
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    "not a duration: '" + value + "' (expected e.g. 500ms, 2s, 1h30m, PT3S)");
        }
    }

    /** A duration above zero: intervals and timeouts. */
    public static final class Positive implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = new JobDurationConverter().convert(value);
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("must be positive, got '" + value + "'");
            }
            return d;
        }
    }
}

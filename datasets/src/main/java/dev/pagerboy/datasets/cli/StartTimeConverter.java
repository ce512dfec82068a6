package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.Rfc3339;
import java.time.Clock;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The generator's {@code --start}: {@code now}, {@code now-2h} (a duration before now), or an RFC
 * 3339 time; epoch milliseconds. A live job's ticks follow the wall clock, so a stream meant for it
 * should start near now, not on the fixed default date.
 */
final class StartTimeConverter implements ITypeConverter<Long> {

    private final Clock clock;

    StartTimeConverter() {
        this(Clock.systemUTC());
    }

    StartTimeConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Long convert(String value) {
        if (value.equals("now")) {
            return clock.millis();
        }
        if (value.startsWith("now-")) {
            return clock.millis() - DurationConverter.parseMs(value.substring(4));
        }
        try {
            return Rfc3339.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    e.getMessage()
                            + " (expected now, now-DURATION such as now-2h, or e.g."
                            + " 2026-01-01T00:00:00Z)");
        }
    }
}

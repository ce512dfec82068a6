package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.format.AlertFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code alertmanager}, {@code pagerduty} or {@code native}: the wire format of a stream. */
final class FormatConverter implements ITypeConverter<AlertFormat> {

    @Override
    public AlertFormat convert(String value) {
        try {
            return AlertFormat.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The names, for help and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("alertmanager", "pagerduty", "native").iterator();
        }
    }
}

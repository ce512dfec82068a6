package dev.pagerboy.datasets.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A share between 0 and 1, such as {@code --malformed 0.05}. */
final class FractionConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a number, got '" + value + "'");
        }
        if (!(d >= 0 && d <= 1)) {
            throw new TypeConversionException("must be between 0 and 1, got " + value);
        }
        return d;
    }
}

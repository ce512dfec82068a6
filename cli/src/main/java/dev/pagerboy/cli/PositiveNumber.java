package dev.pagerboy.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Counts and budgets that must be at least 1: {@code --budget}, {@code --alerts}, {@code --rounds}.
 * Underscores group digits ({@code 1_000_000}). Declared per option with {@code converter =
 * PositiveNumber.Long.class} (or {@code .Int}).
 */
public final class PositiveNumber {

    private PositiveNumber() {}

    /** A positive {@code long}. */
    public static final class Long implements ITypeConverter<java.lang.Long> {
        @Override
        public java.lang.Long convert(String value) {
            return parse(value, java.lang.Long.MAX_VALUE);
        }
    }

    /** A positive {@code int}. */
    public static final class Int implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, Integer.MAX_VALUE);
        }
    }

    private static long parse(String value, long max) {
        long n;
        try {
            n = java.lang.Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("needs a whole number, got '" + value + "'");
        }
        if (n <= 0) {
            throw new TypeConversionException("must be at least 1, got '" + value + "'");
        }
        if (n > max) {
            throw new TypeConversionException("must be at most " + max + ", got '" + value + "'");
        }
        return n;
    }
}

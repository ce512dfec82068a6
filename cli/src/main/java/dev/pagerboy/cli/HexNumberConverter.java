package dev.pagerboy.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A number written in hex, as assembly listings write it: {@code C000}, {@code 0xC000}, {@code
 * $C000}.
 */
public final class HexNumberConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        return parse(value);
    }

    /** Parses one hex number; a {@link TypeConversionException} names the bad text. */
    public static int parse(String value) {
        String t = value.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        } else if (t.startsWith("$")) {
            t = t.substring(1);
        }
        if (!t.matches("[0-9a-fA-F]{1,8}")) {
            throw new TypeConversionException(
                    "needs a hex number (e.g. C000), got '" + value + "'");
        }
        return (int) Long.parseLong(t, 16);
    }
}

package dev.pagerboy.cli;

import java.util.HexFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Bytes written as hex digits, two per byte, with or without a {@code 0x} prefix. */
public final class HexBytesConverter implements ITypeConverter<byte[]> {

    @Override
    public byte[] convert(String value) {
        String digits =
                value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (!digits.matches("([0-9a-fA-F]{2})*")) {
            throw new TypeConversionException(
                    "needs hex digits, two per byte (e.g. 00FF), got '" + value + "'");
        }
        return HexFormat.of().parseHex(digits);
    }
}

package dev.pagerboy.contracts.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An Ethereum account or contract address: {@code 0x} and 40 hex digits, kept in lower case. */
final class AddressConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        if (!value.matches("0x[0-9a-fA-F]{40}")) {
            throw new TypeConversionException(
                    "must be a 0x-prefixed 20-byte hex address, got '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}

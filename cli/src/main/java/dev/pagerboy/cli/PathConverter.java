package dev.pagerboy.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A local path as people type it: {@code ./a}, {@code /tmp/x}, {@code ~/x}, or a {@code file:} URI.
 * Other URI schemes are refused here; options that also take remote storage are {@link URI}s (see
 * {@link UriConverter}).
 */
public final class PathConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("needs a path, got an empty value");
        }
        if (value.startsWith("file:")) {
            return Path.of(URI.create(value));
        }
        if (value.matches("[A-Za-z][A-Za-z0-9+.-]+://.*")) {
            throw new TypeConversionException(
                    "needs a local path or file: URI, got '" + value + "'");
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + value.substring(1));
        }
        return Path.of(value);
    }
}

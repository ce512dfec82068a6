package dev.pagerboy.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A storage location that may be local or remote: a URI with a scheme ({@code file:///tmp/x},
 * {@code s3://bucket/x}) is kept as it is; anything else is a local path ({@code /tmp/x}, {@code
 * ./a}) and becomes an absolute {@code file:} URI, because Flink's file systems refuse a URI
 * without a scheme.
 */
public final class UriConverter implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        if (value.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !value.matches("[A-Za-z]:\\\\.*")) {
            try {
                URI uri = new URI(value);
                if (uri.getScheme().equals("file") || uri.getPath() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                throw new TypeConversionException("not a URI: " + e.getMessage());
            }
        }
        return new PathConverter().convert(value).toAbsolutePath().normalize().toUri();
    }
}

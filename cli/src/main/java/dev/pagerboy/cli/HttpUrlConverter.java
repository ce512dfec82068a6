package dev.pagerboy.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An endpoint URL such as a JSON-RPC node ({@code http://127.0.0.1:8545}): http, https, ws or wss
 * with a host. Declared per option with {@code converter = HttpUrlConverter.class}, since a plain
 * {@link URI} option takes local paths too.
 */
public final class HttpUrlConverter implements ITypeConverter<URI> {

    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");

    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new TypeConversionException("not a URL: '" + value + "'");
        }
        if (uri.getScheme() == null
                || !SCHEMES.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                || uri.getHost() == null) {
            throw new TypeConversionException(
                    "needs an http(s):// or ws(s):// URL with a host, e.g. http://127.0.0.1:8545,"
                            + " got '"
                            + value
                            + "'");
        }
        return uri;
    }
}

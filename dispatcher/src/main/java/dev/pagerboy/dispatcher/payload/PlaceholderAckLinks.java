package dev.pagerboy.dispatcher.payload;

import dev.pagerboy.dispatcher.page.Page;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * <b>Placeholder</b> ack links until the gateway exists: the token is the page's idempotency key in
 * unpadded base64url, so a link is stable per page and a gateway can find the page from it. It is
 * <b>not a secret and not one-time</b>: anyone who knows a key can build its link. The gateway
 * issue replaces this class with a signed, expiring, one-time token (e.g. an HMAC over the key and
 * an expiry under the gateway's key) behind the same {@link AckLinks} interface; no payload
 * changes.
 */
public final class PlaceholderAckLinks implements AckLinks {

    private final String base;

    /**
     * @param gatewayUrl the gateway's base URL from {@code dispatcher.gateway_url}
     */
    public PlaceholderAckLinks(URI gatewayUrl) {
        String s = gatewayUrl.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public URI link(Page page) {
        return URI.create(base + "/a/" + token(page.idempotencyKey()));
    }

    /** The placeholder token of a key. */
    public static String token(String idempotencyKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.pagerboy.dispatcher.payload;

import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.alerts.ack.AckLinkTokenKey;
import dev.pagerboy.dispatcher.config.ConfigException;
import dev.pagerboy.dispatcher.config.GatewayLinkSettings;
import dev.pagerboy.dispatcher.page.Page;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The real ack links: {@code <gateway>/a/<token>} with an {@link AckLinkToken} bound to the page's
 * incident, its engineer and an expiry, HMAC-signed with the key the gateway checks it with. The
 * expiry counts from the page's event time and the nonce comes from its idempotency key, so every
 * delivery of a page carries the same link. A page with no incident or no engineer (a receiver
 * paged as a whole) has no one to sign for: its link opens the team view, where the engineer logs
 * in.
 */
public final class SignedAckLinks implements AckLinks {

    private final String base;
    private final AckLinkTokenKey key;
    private final long ttlMillis;

    public SignedAckLinks(URI gatewayUrl, AckLinkTokenKey key, Duration ttl) {
        String s = gatewayUrl.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.key = key;
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * The links of a configuration file: signed ones when it has a {@code gateway:} section,
     * otherwise the placeholder at {@code fallbackUrl} ({@code dispatcher.gateway_url}).
     */
    public static AckLinks of(Path configFile, URI fallbackUrl) throws ConfigException {
        Optional<GatewayLinkSettings> settings = GatewayLinkSettings.read(configFile);
        if (settings.isEmpty()) {
            return new PlaceholderAckLinks(fallbackUrl);
        }
        GatewayLinkSettings g = settings.get();
        try {
            return new SignedAckLinks(g.url(), AckLinkTokenKey.read(g.keyFile()), g.linkTtl());
        } catch (IOException e) {
            throw new ConfigException(
                    configFile.toString(),
                    0,
                    "gateway.key_file",
                    "cannot read the link key: " + e.getMessage());
        }
    }

    @Override
    public URI link(Page page) {
        if (page.incidentId().isEmpty() || page.engineer().isEmpty()) {
            String focus =
                    page.incidentId().isEmpty()
                            ? ""
                            : "?incident="
                                    + URLEncoder.encode(page.incidentId(), StandardCharsets.UTF_8);
            return URI.create(base + "/incidents" + focus);
        }
        AckLinkToken token =
                AckLinkToken.forPage(
                        key,
                        page.idempotencyKey(),
                        page.incidentId(),
                        page.engineer(),
                        page.eventTime() + ttlMillis);
        return URI.create(base + "/a/" + token.mint(key));
    }
}

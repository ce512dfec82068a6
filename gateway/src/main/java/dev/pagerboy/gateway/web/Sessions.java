package dev.pagerboy.gateway.web;

import java.util.Optional;

/**
 * Signed-in engineers, held by the browser alone: the session cookie is {@code name|expires|mac}
 * with an HMAC under the process's {@link FormKey}, so the gateway keeps no session table (no state
 * outside Kafka) and a user cannot turn their cookie into someone else's.
 */
final class Sessions {

    static final String COOKIE = "pb_session";

    private final FormKey key;
    private final long ttlMillis;

    Sessions(FormKey key, long ttlMillis) {
        this.key = key;
        this.ttlMillis = ttlMillis;
    }

    String issue(String engineer, long now) {
        String body = engineer + "|" + (now + ttlMillis);
        return body + "|" + key.sign("session\n" + body);
    }

    /** The engineer of a valid, unexpired cookie. */
    Optional<String> engineer(String cookie, long now) {
        if (cookie == null) {
            return Optional.empty();
        }
        int last = cookie.lastIndexOf('|');
        int first = cookie.indexOf('|');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String body = cookie.substring(0, last);
        if (!key.verify("session\n" + body, cookie.substring(last + 1))) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(cookie.substring(first + 1, last)) <= now) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(cookie.substring(0, first));
    }
}

package dev.pagerboy.alerts.ack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The token of a one-time ack link, {@code <gateway>/a/<token>}: it names the incident, the paged
 * engineer, an expiry and a nonce, and is signed with HMAC-SHA256 under the {@link AckLinkTokenKey}
 * that the dispatcher (which mints it) and the gateway (which checks it) share. Pure JDK, so both
 * can use it without pulling in each other. Format, version 1:
 *
 * <pre>
 * token   = base64url(payload) "." base64url(mac)        (unpadded base64url, RFC 4648 §5)
 * payload = "pbl1" LF incident LF engineer LF expires LF nonce     (UTF-8)
 * mac     = HMAC-SHA256(key, payload)                    (all 32 bytes)
 * </pre>
 *
 * {@code incident} is the incident id, {@code engineer} the roster name of the engineer the page
 * went to, {@code expires} epoch milliseconds after which the link no longer works, {@code nonce}
 * 16 base64url characters that name this link (the gateway lets each action be taken once per
 * nonce). The nonce is derived from the page's idempotency key ({@link #forPage}), so a retried
 * delivery of the same page carries the same link. Nothing in the token is secret, only
 * unforgeable: a reader learns the incident id and the engineer's name.
 *
 * @param incidentId the incident, one line
 * @param engineer the paged engineer's roster name, one line
 * @param expiresAtMillis epoch milliseconds; the link is refused from then on
 * @param nonce 16 base64url characters naming this link
 */
public record AckLinkToken(String incidentId, String engineer, long expiresAtMillis, String nonce) {

    /** The payload's first line: names the format and its version. */
    public static final String VERSION = "pbl1";

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16}");
    private static final int NONCE_BYTES = 12;
    private static final int MAC_BYTES = 32;
    private static final int MAX_TOKEN_CHARS = 2048;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    public AckLinkToken {
        AckText.incidentId(incidentId);
        if (engineer == null
                || engineer.isEmpty()
                || engineer.indexOf('\n') >= 0
                || engineer.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("engineer must be one non-empty line: " + engineer);
        }
        AckText.nonNegative("expires", expiresAtMillis);
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException(
                    "nonce must be 16 base64url characters, got '" + nonce + "'");
        }
    }

    /** Why a token was refused; each has the plain sentence the gateway shows. */
    public enum Refusal {
        /** Not a token of this format at all (cut off, garbled). */
        MALFORMED("This link is not a PagerBoy acknowledgment link."),
        /** The MAC does not match: changed or made up, not minted with our key. */
        TAMPERED("This link has been changed and cannot be used."),
        /** Valid but its expiry has passed. */
        EXPIRED("This link has expired."),
        /** Valid and in date, but its action was already taken (judged by the gateway). */
        USED("This link has already been used.");

        private final String sentence;

        Refusal(String sentence) {
            this.sentence = sentence;
        }

        /** The plain sentence for the person holding the link. */
        public String sentence() {
            return sentence;
        }
    }

    /** A token that cannot be used, and which of the {@link Refusal}s it is. */
    public static final class RefusedException extends Exception {
        private final Refusal refusal;

        public RefusedException(Refusal refusal) {
            super(refusal.sentence());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * The token of one page: its nonce is derived from the page's idempotency key under {@code
     * key}, so every delivery of the page gets the same link and no two pages share a nonce.
     */
    public static AckLinkToken forPage(
            AckLinkTokenKey key,
            String idempotencyKey,
            String incidentId,
            String engineer,
            long expiresAtMillis) {
        byte[] seed = ("pbl1-nonce\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8);
        String nonce = B64.encodeToString(Arrays.copyOf(key.mac(seed), NONCE_BYTES));
        return new AckLinkToken(incidentId, engineer, expiresAtMillis, nonce);
    }

    /** The payload bytes the MAC is over. */
    public byte[] payload() {
        return (VERSION
                        + "\n"
                        + incidentId
                        + "\n"
                        + engineer
                        + "\n"
                        + expiresAtMillis
                        + "\n"
                        + nonce)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The URL-safe token string, {@code base64url(payload).base64url(mac)}. */
    public String mint(AckLinkTokenKey key) {
        byte[] payload = payload();
        return B64.encodeToString(payload) + "." + B64.encodeToString(key.mac(payload));
    }

    /**
     * Checks a token string: well-formed, minted with {@code key}, not expired at {@code
     * nowMillis}. Whether its action was already taken is the caller's to decide ({@link
     * AckLinkTokenUses}).
     *
     * @throws RefusedException with {@link Refusal#MALFORMED}, {@link Refusal#TAMPERED} or {@link
     *     Refusal#EXPIRED}
     */
    public static AckLinkToken verify(String token, AckLinkTokenKey key, long nowMillis)
            throws RefusedException {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = B64D.decode(token.substring(0, dot));
            mac = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        if (mac.length != MAC_BYTES) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        // The MAC is checked before the payload is read: a forged payload is never parsed.
        if (!MessageDigest.isEqual(mac, key.mac(payload))) {
            throw new RefusedException(Refusal.TAMPERED);
        }
        AckLinkToken parsed = parse(payload);
        if (nowMillis >= parsed.expiresAtMillis) {
            throw new RefusedException(Refusal.EXPIRED);
        }
        return parsed;
    }

    private static AckLinkToken parse(byte[] payload) throws RefusedException {
        String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length != 5 || !VERSION.equals(lines[0])) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        try {
            return new AckLinkToken(lines[1], lines[2], Long.parseLong(lines[3]), lines[4]);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Refusal.MALFORMED);
        }
    }
}

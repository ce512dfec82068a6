package dev.pagerboy.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway process's own random HMAC key for what only it reads back: CSRF tokens and session
 * cookies. It is made at start and never stored, so a restart signs everyone out and invalidates
 * open forms, and no secret lives outside the process.
 */
final class FormKey {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    FormKey() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A fresh random value (cookie values), 128 bits in base64url. */
    String randomValue() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** base64url HMAC-SHA256 of {@code text}. */
    String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has HmacSHA256", e);
        }
    }

    /** Constant-time comparison of {@code mac} with {@link #sign}({@code text}). */
    boolean verify(String text, String mac) {
        if (mac == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(text).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }
}

package dev.pagerboy.gateway.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An engineer's login password, kept in {@code pagerboy.yaml} only as a salted PBKDF2-HMAC-SHA256
 * hash, {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>} (pure JDK, so no password
 * library). {@code ./pagerboy gateway hash-password} prints one.
 */
public final class PasswordHash {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;

    private static final Pattern FORM =
            Pattern.compile("pbkdf2-sha256:[1-9][0-9]{0,7}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]{43,44}");

    private PasswordHash() {}

    public static boolean isWellFormed(String hash) {
        return hash != null && FORM.matcher(hash).matches();
    }

    /** A new hash of {@code password} with a random salt. */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return "pbkdf2-sha256:"
                + iterations
                + ":"
                + Base64.getEncoder().encodeToString(salt)
                + ":"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches {@code hash}; constant time in the comparison. */
    public static boolean matches(char[] password, String hash) {
        if (!isWellFormed(hash)) {
            return false;
        }
        String[] parts = hash.split(":");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}

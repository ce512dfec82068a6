package dev.pagerboy.alerts.ack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the dispatcher mints one-time ack links with and the gateway checks them with
 * (HMAC-SHA256). It is read from a file named in {@code pagerboy.yaml} ({@code gateway.key_file}),
 * never from the page or the command line, so it does not end up in shell history or logs.
 */
public final class AckLinkTokenKey {

    /** At least 256 bits: HMAC-SHA256 gains nothing from more and loses strength with fewer. */
    public static final int MIN_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public AckLinkTokenKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "an ack-link key needs at least " + MIN_BYTES + " bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /**
     * Reads a key file: its content with surrounding whitespace trimmed (so {@code openssl rand
     * -hex 32 > key} works) is the secret.
     */
    public static AckLinkTokenKey read(Path file) throws IOException {
        byte[] secret =
                new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                        .strip()
                        .getBytes(StandardCharsets.UTF_8);
        try {
            return new AckLinkTokenKey(secret);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** HMAC-SHA256 of {@code data} under this key. */
    byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java 17 runtime has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "AckLinkTokenKey[secret hidden]";
    }
}

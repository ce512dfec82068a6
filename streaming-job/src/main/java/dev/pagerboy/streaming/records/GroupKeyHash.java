package dev.pagerboy.streaming.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hex16 that names a group in notification idempotency keys and incident ids: the first 8 bytes
 * of {@code sha256(routeId|groupKey)}. Here, below both the group stage that makes the names and
 * the incident ids that are read from them ({@code IncidentIds}).
 */
public final class GroupKeyHash {

    /**
     * One SHA-256 per thread: {@code MessageDigest.getInstance} looks the provider up on every
     * call, which was the bulk of the key's cost. A digest is not thread-safe; task threads are.
     */
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(GroupKeyHash::newSha256);

    private GroupKeyHash() {}

    /** The hex16 of {@code routeIdAndGroupKey}, i.e. {@code routeId + "|" + groupKey}. */
    public static String of(String routeIdAndGroupKey) {
        byte[] digest = SHA256.get().digest(routeIdAndGroupKey.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

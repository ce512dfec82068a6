package dev.pagerboy.alerts.ack;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which actions of which links were already taken: a link works once per action. The gateway fills
 * it from the {@code acks} topic at start (every gateway-written ack names its link's nonce) and
 * claims an action before it writes, so two presses of the same button — two tabs, a double-tap, a
 * replayed form — give exactly one ack. Thread-safe.
 */
public final class AckLinkTokenUses {

    private final Set<String> taken = ConcurrentHashMap.newKeySet();

    /**
     * Claims {@code action} of the link with {@code nonce}.
     *
     * @return true the first time, false when it was already claimed or {@link #record}ed
     */
    public boolean claim(String nonce, AckAction action) {
        return taken.add(key(nonce, action));
    }

    /** Gives a claim back after the write failed, so the engineer can try again. */
    public void release(String nonce, AckAction action) {
        taken.remove(key(nonce, action));
    }

    /** Records a use seen on the {@code acks} topic. */
    public void record(String nonce, AckAction action) {
        taken.add(key(nonce, action));
    }

    /** Whether {@code action} of the link was taken. */
    public boolean used(String nonce, AckAction action) {
        return taken.contains(key(nonce, action));
    }

    private static String key(String nonce, AckAction action) {
        return nonce + ' ' + action.word();
    }
}

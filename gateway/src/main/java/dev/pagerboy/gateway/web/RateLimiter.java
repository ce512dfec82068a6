package dev.pagerboy.gateway.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed-window request limit per client address: at most {@code limit} requests per window.
 * Guards password guessing on the login and token guessing on the links. Windows are cleared as a
 * whole when a new one starts, so memory stays bounded by the clients of one window.
 */
final class RateLimiter {

    private final int limit;
    private final long windowMillis;
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long windowStart;

    RateLimiter(int limit, long windowMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    boolean allow(String client, long now) {
        if (now - windowStart >= windowMillis) {
            synchronized (this) {
                if (now - windowStart >= windowMillis) {
                    counts.clear();
                    windowStart = now;
                }
            }
        }
        return counts.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet() <= limit;
    }
}

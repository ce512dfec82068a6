package dev.pagerboy.contracts.ledger;

import java.time.Duration;

/**
 * How often and how patiently a JSON-RPC call is retried after a connection error: {@code
 * maxAttempts} tries in all, waiting {@code initialBackoff}, then twice as long each time, at most
 * {@code maxBackoff}. Bounded on purpose: an unreachable node must become an error, not a hang.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** 5 attempts, 100 ms doubling: gives up after about 1.5 s of waiting. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, for attempt = 1, 2, ... */
    public Duration backoffAfter(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}

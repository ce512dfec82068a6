package dev.pagerboy.dispatcher.config;

import java.time.Duration;

/**
 * How hard the dispatcher tries one page before it writes a failed receipt: exponential backoff
 * with jitter, bounded both in attempts and in total time, so a dead receiver costs a known time.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the wait before the second attempt (before jitter)
 * @param maxBackoff the longest wait between two attempts (a Retry-After may ask for longer, up to
 *     the time budget)
 * @param maxElapsed the time budget from the first attempt; no attempt starts after it
 * @param jitter the randomization factor, 0 to 1: a wait is drawn from {@code backoff * (1 ±
 *     jitter)}
 */
public record RetrySettings(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxElapsed,
        double jitter) {

    public static final RetrySettings DEFAULT =
            new RetrySettings(
                    10, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2), 0.5);
}

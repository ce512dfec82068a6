package dev.pagerboy.dispatcher.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure a later attempt may get past: HTTP 5xx, 408 or 429, a timeout, a refused or broken
 * connection, an SMTP 4xx. {@link #retryAfter} is the receiver's own request (HTTP {@code
 * Retry-After}) for the least time to wait.
 */
public final class RetryableFailure extends DeliveryFailure {

    private final Duration retryAfter;
    private final long budgetEndsNanos;

    public RetryableFailure(String reason) {
        this(reason, null);
    }

    public RetryableFailure(String reason, Duration retryAfter) {
        this(reason, retryAfter, Long.MAX_VALUE);
    }

    private RetryableFailure(String reason, Duration retryAfter, long budgetEndsNanos) {
        super(reason);
        this.retryAfter = retryAfter;
        this.budgetEndsNanos = budgetEndsNanos;
    }

    /**
     * This failure, marked with the end of its delivery's time budget ({@link System#nanoTime}).
     */
    RetryableFailure within(long budgetEndsNanos) {
        return new RetryableFailure(getMessage(), retryAfter, budgetEndsNanos);
    }

    /** Nanoseconds left of the delivery's time budget at {@code nowNanos}. */
    long budgetLeftNanos(long nowNanos) {
        return budgetEndsNanos == Long.MAX_VALUE ? Long.MAX_VALUE : budgetEndsNanos - nowNanos;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

package dev.pagerboy.streaming.anchor;

import java.io.Serializable;
import java.time.Duration;

/**
 * How hard one commit tries to anchor a batch before it gives the batch back to the writer for the
 * next checkpoint: {@code attempts} tries, waiting {@code initialBackoff} and then twice as long
 * each time, at most {@code maxBackoff}. Kept short on purpose: the committer runs in the task's
 * main thread, so a long wait here would hold up checkpoints while the chain is down, and nothing
 * is lost by waiting for the next checkpoint instead.
 */
public record AnchorRetry(int attempts, Duration initialBackoff, Duration maxBackoff)
        implements Serializable {

    /** 3 attempts, 250 ms then 500 ms between them. */
    public static final AnchorRetry DEFAULT =
            new AnchorRetry(3, Duration.ofMillis(250), Duration.ofSeconds(2));

    public AnchorRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, got " + attempts);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}

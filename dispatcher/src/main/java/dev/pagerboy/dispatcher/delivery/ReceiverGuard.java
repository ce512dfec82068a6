package dev.pagerboy.dispatcher.delivery;

import dev.pagerboy.dispatcher.config.RetrySettings;
import dev.pagerboy.dispatcher.page.Page;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything between a page and one receiver's {@link Channel}, from Resilience4j, one set per
 * receiver so a slow or dead receiver costs only its own capacity:
 *
 * <ul>
 *   <li>a <b>bulkhead</b> (its own thread pool of {@code concurrency} threads): deliveries to this
 *       receiver wait in its queue, never in another receiver's;
 *   <li>a <b>retry</b>: exponential backoff with jitter, bounded in attempts and in time, at least
 *       as long as the receiver's {@code Retry-After}; {@link FinalFailure}s are not retried;
 *   <li>a <b>circuit breaker</b>: after a run of retryable failures, attempts fail fast (and back
 *       off) instead of piling onto a receiver that is down; a refusal (4xx) is not a sign of
 *       trouble and does not count;
 *   <li>a <b>rate limiter</b>: at most {@code ratePerSecond} attempts per second.
 * </ul>
 *
 * Retries sleep on the bulkhead's threads, which belong to this receiver alone.
 */
public final class ReceiverGuard implements AutoCloseable {

    private final String receiver;
    private final Channel channel;
    private final RetrySettings settings;
    private final Clock clock;
    private final DeliveryEvents events;
    private final ThreadPoolBulkhead bulkhead;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;

    public ReceiverGuard(
            String receiver,
            Channel channel,
            RetrySettings settings,
            int concurrency,
            int ratePerSecond,
            int queueCapacity,
            Clock clock,
            DeliveryEvents events) {
        this.receiver = receiver;
        this.channel = channel;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.bulkhead =
                ThreadPoolBulkhead.of(
                        receiver,
                        ThreadPoolBulkheadConfig.custom()
                                .maxThreadPoolSize(concurrency)
                                .coreThreadPoolSize(concurrency)
                                .queueCapacity(queueCapacity)
                                .build());
        IntervalFunction backoff =
                IntervalFunction.ofExponentialRandomBackoff(
                        settings.initialBackoff(), 2.0, settings.jitter(), settings.maxBackoff());
        this.retry =
                Retry.of(
                        receiver,
                        RetryConfig.custom()
                                .maxAttempts(settings.maxAttempts())
                                .intervalBiFunction(waitBefore(backoff))
                                .retryExceptions(RetryableFailure.class)
                                .ignoreExceptions(FinalFailure.class)
                                .build());
        this.retry
                .getEventPublisher()
                .onRetry(
                        e ->
                                events.retrying(
                                        receiver,
                                        (DeliveryFailure) e.getLastThrowable(),
                                        e.getWaitInterval().toMillis()));
        this.breaker =
                CircuitBreaker.of(
                        receiver,
                        CircuitBreakerConfig.custom()
                                .slidingWindowType(
                                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                                .slidingWindowSize(20)
                                .minimumNumberOfCalls(10)
                                .failureRateThreshold(50)
                                .waitDurationInOpenState(Duration.ofSeconds(1))
                                .permittedNumberOfCallsInHalfOpenState(3)
                                .recordExceptions(RetryableFailure.class)
                                .ignoreExceptions(FinalFailure.class)
                                .build());
        this.limiter =
                RateLimiter.of(
                        receiver,
                        RateLimiterConfig.custom()
                                .limitForPeriod(ratePerSecond)
                                .limitRefreshPeriod(Duration.ofSeconds(1))
                                .timeoutDuration(settings.maxElapsed())
                                .build());
    }

    /**
     * The backoff before attempt {@code n + 1}: the jittered exponential backoff, or the receiver's
     * {@code Retry-After} when that is longer; never past the delivery's time budget (the attempt
     * that starts at the end of the budget gives up at once).
     */
    private static IntervalBiFunction<Object> waitBefore(IntervalFunction backoff) {
        return (attempt, result) -> {
            long wait = backoff.apply(attempt);
            if (result.isLeft() && result.getLeft() instanceof RetryableFailure f) {
                wait = Math.max(wait, f.retryAfter().map(Duration::toMillis).orElse(0L));
                // rounded up: a wait cut short by the truncated millisecond woke just before the
                // budget ended and spent the rest in attempts with no wait at all
                long left = (f.budgetLeftNanos(System.nanoTime()) + 999_999) / 1_000_000;
                wait = Math.max(0, Math.min(wait, left));
            }
            return wait;
        };
    }

    /** Delivers {@code page} on this receiver's threads; the future never fails. */
    public CompletableFuture<DeliveryResult> deliver(Page page) {
        return bulkhead.executeSupplier(() -> deliverNow(page)).toCompletableFuture();
    }

    private DeliveryResult deliverNow(Page page) {
        long started = System.nanoTime();
        long budgetEnds = started + settings.maxElapsed().toNanos();
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> last = new AtomicReference<>("");
        DeliveryResult result;
        try {
            Retry.decorateCheckedSupplier(
                            retry,
                            () -> {
                                attemptOnce(page, attempts, last, budgetEnds);
                                return null;
                            })
                    .get();
            result = DeliveryResult.delivered(attempts.get(), clock.millis());
        } catch (FinalFailure f) {
            result = DeliveryResult.failed(f.getMessage(), attempts.get(), clock.millis());
        } catch (RetryableFailure f) {
            result =
                    DeliveryResult.failed(
                            "gave up after " + attempts.get() + " attempts: " + f.getMessage(),
                            attempts.get(),
                            clock.millis());
        } catch (Throwable t) {
            result = DeliveryResult.failed("delivery error: " + t, attempts.get(), clock.millis());
        }
        events.finished(receiver, result, System.nanoTime() - started);
        return result;
    }

    private void attemptOnce(
            Page page, AtomicInteger attempts, AtomicReference<String> last, long budgetEnds)
            throws DeliveryFailure {
        if (attempts.get() > 0 && System.nanoTime() - budgetEnds >= 0) {
            throw new FinalFailure(
                    "gave up after "
                            + attempts.get()
                            + " attempts in "
                            + settings.maxElapsed().toSeconds()
                            + "s (retry time budget used up): "
                            + last.get());
        }
        attempts.incrementAndGet();
        try {
            if (!limiter.acquirePermission()) {
                throw new RetryableFailure("rate limit of this receiver reached");
            }
            breaker.executeCheckedSupplier(
                    () -> {
                        channel.deliver(page);
                        return null;
                    });
        } catch (RetryableFailure f) {
            last.set(f.getMessage());
            throw f.within(budgetEnds);
        } catch (CallNotPermittedException open) {
            String reason = "circuit open (receiver failing); last: " + last.get();
            throw new RetryableFailure(reason).within(budgetEnds);
        } catch (FinalFailure f) {
            throw f;
        } catch (Throwable t) {
            last.set(t.toString());
            throw new RetryableFailure("unexpected: " + t).within(budgetEnds);
        }
    }

    @Override
    public void close() {
        try {
            bulkhead.close();
        } catch (Exception e) {
            // closing only stops the pool's threads
        }
    }
}

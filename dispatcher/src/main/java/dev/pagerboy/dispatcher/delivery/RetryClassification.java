package dev.pagerboy.dispatcher.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Which outcomes of an HTTP delivery are worth another attempt (the rule of issue 15, as webhook
 * senders such as Stripe and Alertmanager apply it): 2xx is delivered; 408 (timeout), 429 (rate
 * limited) and 5xx are retried, honouring {@code Retry-After}; every other status is the receiver's
 * final word; timeouts and connection errors are retried.
 */
public final class RetryClassification {

    private RetryClassification() {}

    /**
     * The failure a response status means, or empty for a delivered page.
     *
     * @param status the HTTP status
     * @param retryAfter the {@code Retry-After} header, if any
     * @param now the time the response arrived, for an HTTP-date {@code Retry-After}
     */
    public static Optional<DeliveryFailure> ofStatus(
            int status, Optional<String> retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        String reason = "HTTP " + status;
        if (status == 408 || status == 429 || status >= 500) {
            Duration wait = retryAfter.flatMap(v -> retryAfter(v, now)).orElse(null);
            return Optional.of(
                    new RetryableFailure(
                            wait == null
                                    ? reason
                                    : reason + " (Retry-After " + wait.toSeconds() + "s)",
                            wait));
        }
        return Optional.of(new FinalFailure(reason + " (the receiver refused the page)"));
    }

    /** The failure an I/O error of an HTTP exchange means: always worth another attempt. */
    public static RetryableFailure ofException(IOException e) {
        String what;
        if (e instanceof HttpConnectTimeoutException) {
            what = "connect timeout";
        } else if (e instanceof HttpTimeoutException) {
            what = "request timeout";
        } else if (e instanceof ConnectException) {
            what = "connection refused";
        } else {
            what = e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return new RetryableFailure(m == null || m.isBlank() ? what : what + ": " + m);
    }

    /**
     * A {@code Retry-After} value (RFC 9110: delay-seconds or an HTTP-date) as a wait from {@code
     * now}; empty when it cannot be read, so a bad header falls back to the backoff.
     */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

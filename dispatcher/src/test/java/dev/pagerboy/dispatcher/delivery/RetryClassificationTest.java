package dev.pagerboy.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which HTTP outcomes are retried, which are final, and how Retry-After is read. */
class RetryClassificationTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    @ParameterizedTest(name = "HTTP {0} is delivered")
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void twoHundredsAreDelivered(int status) {
        assertThat(RetryClassification.ofStatus(status, Optional.empty(), NOW)).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0} is retried")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void timeoutsRateLimitsAndServerErrorsAreRetried(int status) {
        assertThat(RetryClassification.ofStatus(status, Optional.empty(), NOW))
                .get()
                .isInstanceOf(RetryableFailure.class);
    }

    @ParameterizedTest(name = "HTTP {0} is final")
    @ValueSource(ints = {300, 301, 400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 451})
    void otherStatusesAreTheReceiversFinalWord(int status) {
        var failure = RetryClassification.ofStatus(status, Optional.empty(), NOW);
        assertThat(failure).get().isInstanceOf(FinalFailure.class);
        assertThat(failure.get().getMessage()).startsWith("HTTP " + status);
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        var failure = RetryClassification.ofStatus(503, Optional.of("7"), NOW);
        assertThat(((RetryableFailure) failure.get()).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.get().getMessage()).isEqualTo("HTTP 503 (Retry-After 7s)");
    }

    @Test
    void retryAfterAsAnHttpDateIsAWaitFromNow() {
        var failure =
                RetryClassification.ofStatus(
                        429, Optional.of("Sun, 06 Dec 2026 04:00:30 GMT"), NOW);
        assertThat(((RetryableFailure) failure.get()).retryAfter())
                .contains(Duration.ofSeconds(30));
        assertThat(RetryClassification.retryAfter("Sun, 06 Dec 2026 03:00:00 GMT", NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void anUnreadableRetryAfterFallsBackToTheBackoff() {
        var failure = RetryClassification.ofStatus(503, Optional.of("soon"), NOW);
        assertThat(((RetryableFailure) failure.get()).retryAfter()).isEmpty();
    }

    @Test
    void ioErrorsAreRetried() {
        assertThat(
                        RetryClassification.ofException(new HttpConnectTimeoutException("x"))
                                .getMessage())
                .startsWith("connect timeout");
        assertThat(RetryClassification.ofException(new HttpTimeoutException("x")).getMessage())
                .startsWith("request timeout");
        assertThat(RetryClassification.ofException(new ConnectException()).getMessage())
                .isEqualTo("connection refused");
        assertThat(RetryClassification.ofException(new IOException("reset")))
                .isInstanceOf(RetryableFailure.class);
    }
}

package dev.pagerboy.streaming.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint timeout that keeps every output transaction younger than the broker's transaction
 * timeout (chaos finding 18: a 139 s checkpoint under a 3 min transaction timeout committed after
 * the broker had aborted its transactions, and 18,107 pages were lost).
 */
class ExactlyOnceSinkSettingsTest {

    private static ExactlyOnceSinkSettings timeout(Duration transactionTimeout) {
        return new ExactlyOnceSinkSettings("127.0.0.1:9092", "pagerboy", transactionTimeout);
    }

    @Test
    void twoCheckpointsAndAnIntervalFitInFourFifthsOfTheTransactionTimeout() {
        Duration interval = Duration.ofSeconds(1);

        Duration checkpoint = timeout(Duration.ofMinutes(3)).checkpointTimeout(interval);

        assertThat(checkpoint).isEqualTo(Duration.ofMillis(71_500));
        // the oldest a transaction gets: the rest of one checkpoint, the interval, the next one
        assertThat(checkpoint.multipliedBy(2).plus(interval))
                .isLessThanOrEqualTo(Duration.ofMinutes(3).multipliedBy(4).dividedBy(5));
    }

    @Test
    void theChaosRunsSlowCheckpointNowExpiresInsteadOfCommittingLate() {
        Duration slowest = Duration.ofMillis(138_684); // R3, session 12: checkpoint 13

        assertThat(timeout(Duration.ofMinutes(3)).checkpointTimeout(Duration.ofSeconds(1)))
                .isLessThan(slowest);
    }

    @Test
    void theDefaultTransactionTimeoutAllowsCheckpointsOfFourMinutes() {
        assertThat(
                        timeout(ExactlyOnceSinkSettings.DEFAULT_TRANSACTION_TIMEOUT)
                                .checkpointTimeout(Duration.ofSeconds(1)))
                .isEqualTo(Duration.ofMillis(239_500));
    }

    @Test
    void aTransactionTimeoutWithNoRoomForACheckpointIsRefusedNamingBoth() {
        assertThatThrownBy(
                        () ->
                                timeout(Duration.ofSeconds(30))
                                        .checkpointTimeout(Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transaction timeout 30s (--transaction-timeout)")
                .hasMessageContaining("checkpoint interval 20s (checkpoint_interval)")
                .hasMessageContaining("at least 50s");
    }

    @Test
    void theSmallestTransactionTimeoutItSuggestsIsAccepted() {
        assertThat(timeout(Duration.ofSeconds(50)).checkpointTimeout(Duration.ofSeconds(20)))
                .isEqualTo(Duration.ofSeconds(10));
    }
}

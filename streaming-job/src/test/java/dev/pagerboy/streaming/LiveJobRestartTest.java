package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.JobOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;

/**
 * The job's restart strategy outlasts an outage longer than its attempts times the first delay
 * (chaos R7: a 30 s archive outage spent 20 fixed 1 s restarts and failed the job for good).
 */
class LiveJobRestartTest {

    @Test
    void restartsWaitLongerEachTimeUpToFiveMinutes() {
        Configuration conf = configured(3, Duration.ofSeconds(10));

        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
                .isEqualTo(3);
        assertThat(
                        conf.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(
                        conf.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
                .isEqualTo(2.0);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void twentyRestartsFromOneSecondOutlastAThirtySecondOutage() {
        Configuration conf = configured(20, Duration.ofSeconds(1));

        Duration waited = Duration.ZERO;
        Duration delay =
                conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF);
        Duration cap =
                conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF);
        double factor =
                conf.get(
                        RestartStrategyOptions
                                .RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER);
        for (int attempt = 0; attempt < 20; attempt++) {
            waited = waited.plus(delay);
            delay = Duration.ofMillis(Math.min((long) (delay.toMillis() * factor), cap.toMillis()));
        }
        assertThat(waited).isGreaterThan(Duration.ofSeconds(30));
    }

    @Test
    void zeroAttemptsMeansNoRestart() {
        // Flink refuses an exponential-delay strategy with fewer than one attempt.
        assertThat(
                        configured(0, Duration.ofSeconds(1))
                                .get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("none");
    }

    @Test
    void aFirstDelayLongerThanTheCapIsKept() {
        Configuration conf = configured(3, Duration.ofMinutes(90));

        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(90));
    }

    private static Configuration configured(int attempts, Duration delay) {
        Configuration conf = new Configuration();
        LiveJob.restartWithGrowingDelay(
                conf,
                JobOptions.builder(Path.of("pagerboy.yaml"))
                        .restartAttempts(attempts)
                        .restartDelay(delay)
                        .build());
        return conf;
    }
}

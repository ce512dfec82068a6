package dev.pagerboy.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectors of prometheus/common model/time_test.go (TestParseDuration): input, value, and the
 * string Prometheus prints for it (years and weeks only when exact).
 */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0, 0s",
        "0w, 0, 0s",
        "0s, 0, 0s",
        "324ms, 324, 324ms",
        "3s, 3000, 3s",
        "5m, 300000, 5m",
        "1h, 3600000, 1h",
        "4d, 345600000, 4d",
        "4d1h, 349200000, 4d1h",
        "14d, 1209600000, 2w",
        "3w, 1814400000, 3w",
        "3w2d1h, 1990800000, 23d1h",
        "10y, 315360000000, 10y",
        "1h30m, 5400000, 1h30m",
        "500ms, 500, 500ms",
        "2d, 172800000, 2d",
    })
    void parsesAndFormatsLikePrometheus(String text, long millis, String printed) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(printed);
        assertThat(Durations.parse(printed)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1y1m1d", "-1w", "1.5d", "d", "5 minutes", "1m30", "PT5M", "1H"})
    void rejectsWhatPrometheusRejectsWithTheTextAndTheExpectedForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad duration \"" + text + "\" (expected e.g. 30s, 5m, 1h30m, 4h, 7d)");
    }

    @Test
    void rejectsEmptyAndOverflowingDurations() {
        assertThatThrownBy(() -> Durations.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("empty duration");
        assertThatThrownBy(() -> Durations.parse("300000000y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void formatTruncatesToMillisecondsAndRefusesNegatives() {
        assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("1ms");
        assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

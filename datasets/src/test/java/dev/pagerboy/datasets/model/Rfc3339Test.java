package dev.pagerboy.datasets.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    private final Rfc3339 times = new Rfc3339();

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void wholeSecondsHaveNoFraction() {
        assertThat(times.format(ms("2021-06-01T08:31:25Z"))).isEqualTo("2021-06-01T08:31:25Z");
    }

    @Test
    void fractionsDropTrailingZerosAsGoDoes() {
        assertThat(times.format(ms("2021-06-01T08:31:25.100Z")))
                .isEqualTo("2021-06-01T08:31:25.1Z");
        assertThat(times.format(ms("2021-06-01T08:31:25.120Z")))
                .isEqualTo("2021-06-01T08:31:25.12Z");
        assertThat(times.format(ms("2021-06-01T08:31:25.123Z")))
                .isEqualTo("2021-06-01T08:31:25.123Z");
        assertThat(times.format(ms("2021-06-01T08:31:25.003Z")))
                .isEqualTo("2021-06-01T08:31:25.003Z");
    }

    @Test
    void formatsAcrossDaysAndBeforeTheEpoch() {
        assertThat(times.format(ms("2026-12-31T23:59:59.999Z")))
                .isEqualTo("2026-12-31T23:59:59.999Z");
        assertThat(times.format(ms("2027-01-01T00:00:00Z"))).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(times.format(ms("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.5Z");
    }

    @Test
    void parsesWhatItWrites() {
        long t = ms("2026-03-04T05:06:07.089Z");
        assertThat(Rfc3339.parse(times.format(t))).isEqualTo(t);
        assertThatThrownBy(() -> Rfc3339.parse("yesterday")).hasMessageContaining("RFC 3339");
    }
}

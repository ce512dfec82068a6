package dev.pagerboy.alerts;

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
    void parsesWhatItWritesAndAnyOffsetAndFraction() {
        long t = ms("2026-03-04T05:06:07.089Z");
        assertThat(Rfc3339.parse(times.format(t))).isEqualTo(t);
        assertThat(Rfc3339.parse("2026-03-04T06:06:07.089+01:00")).isEqualTo(t);
        assertThat(Rfc3339.parse("2026-03-04T05:06:07.089999999Z")).isEqualTo(t);
    }

    @Test
    void rejectsWhatIsNotRfc3339NamingTheText() {
        assertThatThrownBy(() -> Rfc3339.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an RFC 3339 time: 'yesterday'");
        assertThatThrownBy(() -> Rfc3339.parse("2026-03-04 05:06:07Z"))
                .hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> Rfc3339.parse("2026-03-04T05:06:07"))
                .hasMessageContaining("RFC 3339");
    }

    @Test
    void recognisesGoZeroTime() {
        assertThat(Rfc3339.isGoZeroTime(Rfc3339.GO_ZERO_TIME)).isTrue();
        assertThat(Rfc3339.isGoZeroTime("0001-01-01T00:00:00.000Z")).isTrue();
        assertThat(Rfc3339.isGoZeroTime("2001-01-01T00:00:00Z")).isFalse();
    }
}
